// On a phone the menu, the agency, account and language controls fold behind one
// button, so the page starts near the top of the screen; without JavaScript they stay open.
(function () {
  var toggle = document.querySelector(".menu-toggle");
  var header = document.querySelector("header.topbar");
  if (!toggle || !header) return;
  document.documentElement.classList.add("menu-folds");
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    header.classList.toggle("menu-open", open);
  });
})();
