// Type-ahead for the search box in the header: documents the user may see,
// fetched as they type (the server filters by permission). No library needed.
(function () {
  var input = document.querySelector(".topsearch input[name=q]");
  if (!input) return;
  var list = document.getElementById("search-suggestions");
  var timer = null, last = "", urls = {};
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value;
    if (urls[text]) { window.location = urls[text]; return; }  // a suggestion was picked
    if (text.trim().length < 2 || text === last) return;
    timer = setTimeout(function () {
      last = text;
      fetch(input.dataset.suggest + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          list.innerHTML = "";
          urls = {};
          data.suggestions.forEach(function (s) {
            var option = document.createElement("option");
            option.value = s.label;
            urls[s.label] = s.url;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });
})();
