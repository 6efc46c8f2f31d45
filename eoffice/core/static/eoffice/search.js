// Type-ahead for the search box in the header: documents the user may see,
// found by the server as they type (accents optional, permissions applied), shown
// in a listbox under the box. Not a <datalist>: browsers filter its options by
// the typed text literally, so "quyet dinh" would hide every "Quyết định".
(function () {
  var input = document.querySelector(".topsearch input[name=q]");
  if (!input) return;
  var list = document.getElementById("search-suggestions");
  var timer = null, last = "", active = -1;

  function options() { return list.querySelectorAll("[role=option]"); }

  function close() {
    list.hidden = true;
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function select(index) {
    var items = options();
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  function show(suggestions) {
    list.textContent = "";
    suggestions.forEach(function (s, i) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      item.id = "search-suggestion-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      link.href = s.url;
      // Text, never markup: the subject, then what tells identical subjects apart
      // (kind, type, number, date; a dossier's applicant).
      var subject = document.createElement("span");
      subject.className = "suggestion-subject";
      subject.textContent = s.subject || s.label;
      link.appendChild(subject);
      if (s.detail) {
        var detail = document.createElement("span");
        detail.className = "suggestion-detail";
        detail.textContent = s.detail;
        link.appendChild(detail);
      }
      link.tabIndex = -1;
      item.appendChild(link);
      list.appendChild(item);
    });
    active = -1;
    list.hidden = !suggestions.length;
    input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value;
    if (text.trim().length < 2) { last = ""; close(); return; }
    if (text === last) return;
    timer = setTimeout(function () {
      last = text;
      fetch(input.dataset.suggest + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value === text) show(data.suggestions); })
        .catch(function () {});
    }, 200);
  });

  input.addEventListener("keydown", function (event) {
    if (list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      select(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();  // open the suggestion instead of searching
      window.location = options()[active].querySelector("a").href;
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", close);
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep focus: the click opens the link
})();
