// Every form that changes something is sent once: its buttons are disabled while the
// request is in flight, so a double click or an impatient second click sends nothing.
(function () {
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if ((form.method || "").toLowerCase() !== "post" || event.defaultPrevented) return;
    if (form.dataset.sending) { event.preventDefault(); return; }
    // A destructive action says what it will change and asks first.
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) { event.preventDefault(); return; }
    form.dataset.sending = "1";
    form.setAttribute("aria-busy", "true");
    // After this tick, so the clicked button's name and value still go with the form.
    setTimeout(function () {
      form.querySelectorAll("button, input[type=submit]").forEach(function (button) { button.disabled = true; });
    }, 0);
  });
  // Back to a page kept in the browser's cache: its forms may be sent again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      delete form.dataset.sending;
      form.removeAttribute("aria-busy");
      form.querySelectorAll("button, input[type=submit]").forEach(function (button) { button.disabled = false; });
    });
  });
})();

// The browser's own "fill in this field" bubbles speak the browser's language: on a
// Vietnamese page they say it in Vietnamese, like the server's messages.
(function () {
  if ((document.documentElement.lang || "vi").slice(0, 2) !== "vi") return;
  function message(field) {
    var v = field.validity;
    if (v.valueMissing) {
      if (field.type === "file") return "Vui lòng chọn tệp.";
      if (field.tagName === "SELECT" || field.type === "radio") return "Vui lòng chọn một mục.";
      if (field.type === "checkbox") return "Vui lòng đánh dấu ô này nếu muốn tiếp tục.";
      return "Vui lòng điền trường này.";
    }
    if (v.typeMismatch) return field.type === "email" ? "Vui lòng nhập địa chỉ thư điện tử hợp lệ." : "Giá trị không hợp lệ.";
    if (v.tooLong) return "Không được dài quá " + field.maxLength + " ký tự.";
    if (v.tooShort) return "Phải có ít nhất " + field.minLength + " ký tự.";
    if (v.rangeUnderflow) return "Giá trị không được nhỏ hơn " + field.min + ".";
    if (v.rangeOverflow) return "Giá trị không được lớn hơn " + field.max + ".";
    if (v.stepMismatch || v.badInput || v.patternMismatch) return "Giá trị không hợp lệ.";
    return "";
  }
  document.addEventListener("invalid", function (event) {
    var field = event.target;
    field.setCustomValidity("");
    if (!field.validity.valid) field.setCustomValidity(message(field));
  }, true);
  function reset(event) { if (event.target.setCustomValidity) event.target.setCustomValidity(""); }
  document.addEventListener("input", reset, true);
  document.addEventListener("change", reset, true);
})();

// Behaviour the pages once wrote inline (onchange=, onclick=, style=), which the
// Content-Security-Policy forbids: a list that sends its form when changed, a
// link that prints the page, and bar widths given as data.
(function () {
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) field.form.submit();
  });
  document.addEventListener("click", function (event) {
    var trigger = event.target.closest && event.target.closest("[data-print]");
    if (!trigger) return;
    event.preventDefault();
    window.print();
  });
  function widths() {
    document.querySelectorAll("[data-width]").forEach(function (bar) { bar.style.width = bar.dataset.width + "%"; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", widths);
  else widths();
})();
