// A date field shows and takes dd/mm/yyyy whatever the browser's own language: the
// native <input type="date"> draws 01/05/2026 for 5 January in an English browser,
// which a Vietnamese reader takes for 1 May. The field becomes a text box in dd/mm/yyyy
// (the server reads that and yyyy-mm-dd) beside a button that opens the browser's
// calendar; without JavaScript the native field stays.
(function () {
  var vi = (document.documentElement.lang || "vi").slice(0, 2) === "vi";
  var pad = function (n) { return ("0" + n).slice(-2); };

  function shown(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? m[3] + "/" + m[2] + "/" + m[1] : iso || "";
  }

  function iso(typed) {
    var m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(typed || "");
    return m ? m[3] + "-" + pad(m[2]) + "-" + pad(m[1]) : "";
  }

  function enhance(picker) {
    var box = document.createElement("input");
    box.type = "text";
    ["name", "id", "class", "form", "aria-label", "aria-describedby", "aria-invalid", "required", "disabled"].forEach(function (attr) {
      if (picker.hasAttribute(attr)) box.setAttribute(attr, picker.getAttribute(attr));
      if (attr !== "class") picker.removeAttribute(attr);
    });
    // The value as the server sent it: a typo kept for correction is not a date the picker holds.
    box.value = shown(picker.getAttribute("value"));
    box.inputMode = "numeric";
    box.placeholder = "dd/mm/yyyy";
    box.maxLength = 10;
    box.autocomplete = "off";
    box.className = (box.className + " date-text").trim();
    var button = document.createElement("button");
    button.type = "button";
    button.className = "date-button";
    button.setAttribute("aria-label", vi ? "Chọn ngày trên lịch" : "Pick a date on the calendar");
    button.innerHTML = '<svg viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 0h1v2h6V0h1v2h3v14H1V2h3zm-2 5v10h12V5z"/></svg>';
    var wrap = document.createElement("span");
    wrap.className = "date-field";
    picker.parentNode.insertBefore(wrap, picker);
    wrap.append(box, button, picker);
    picker.className = "date-helper";
    picker.tabIndex = -1;
    picker.setAttribute("aria-hidden", "true");
    button.disabled = box.disabled;
    button.addEventListener("click", function () {
      picker.value = iso(box.value);
      if (picker.showPicker) picker.showPicker();
      else picker.focus();
    });
    picker.addEventListener("change", function () {
      box.value = shown(picker.value);
      box.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  document.querySelectorAll('input[type="date"]').forEach(enhance);
})();
