// On a phone the menu folds behind one button, so the page starts near the top of the
// screen; without JavaScript the menu simply stays open.
(function () {
  var toggle = document.querySelector(".menu-toggle");
  var nav = document.getElementById("main-nav");
  if (!toggle || !nav) return;
  document.documentElement.classList.add("menu-folds");
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("open", open);
  });
})();
