// Pickers of people and units (select[data-picker], core.forms.choose_from) become
// searchable as the user types, with or without diacritics ("duc" finds "Đức"), keeping
// their groups (one per unit). The widget is Tom Select, served from this site: the
// Python package django-tomselect ships it (see docs/architecture.md). Without
// JavaScript, or if the widget cannot load, the plain grouped list stays.
(function () {
  var script = document.currentScript;
  var selects = document.querySelectorAll("select[data-picker]");
  if (!selects.length || !script) return;
  var vi = (document.documentElement.lang || "vi").slice(0, 2) === "vi";
  var words = vi
    ? { type: "Chọn hoặc gõ để tìm…", none: "Không tìm thấy.", remove: "Bỏ" }
    : { type: "Choose or type to search…", none: "No match.", remove: "Remove" };

  function enhance(select) {
    var multiple = select.multiple;
    var picker = new window.TomSelect(select, {
      plugins: multiple ? { remove_button: { title: words.remove } } : {},
      maxOptions: null,  // every person of the agency, not the first 50
      allowEmptyOption: false,  // "— Chọn —" is the placeholder, not a choice
      placeholder: words.type,
      hidePlaceholder: false,
      lockOptgroupOrder: true,  // units in the list's order, whatever matches best
      diacritics: true,  // Tom Select folds đ → d and every tone mark, both ways
      render: {
        // A unit's people are a group a screen reader names; the heading is then not read twice.
        optgroup: function (data) {
          var group = document.createElement("div");
          group.className = "optgroup";
          group.setAttribute("role", "group");
          group.setAttribute("aria-label", data.group.label);
          group.appendChild(data.options);
          return group;
        },
        optgroup_header: function (data, escape) {
          return '<div class="optgroup-header" aria-hidden="true">' + escape(data.label) + "</div>";
        },
        no_results: function () {
          return '<div class="no-results" role="option" aria-disabled="true">' + words.none + "</div>";
        },
      },
    });
    if (multiple) {  // one name found and taken: the box is empty for the next one
      picker.on("item_add", function () { picker.setTextboxValue(""); picker.refreshOptions(false); });
    }
    // The original list stays in the form (it is what is sent) but out of reach:
    // screen readers and the keyboard use the searchable control instead.
    select.setAttribute("aria-hidden", "true");
    // A required picker left empty: the browser focuses the original list to say so;
    // the focus goes on to the searchable control, which the user can reach and use.
    select.addEventListener("focus", function () { picker.focus(); });
    var help = select.parentNode.querySelector("[data-picker-help]");
    if (help) help.hidden = true;  // "hold Ctrl to choose several" is not needed any more
    return picker;
  }

  [script.dataset.widgetCss, script.dataset.css].forEach(function (href) {  // ours after the widget's
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = href;
    document.head.appendChild(css);
  });
  var widget = document.createElement("script");
  widget.src = script.dataset.widget;
  widget.onload = function () {
    selects.forEach(enhance);
    document.documentElement.classList.add("pickers-ready");
  };
  document.head.appendChild(widget);
})();
