// Every form that changes something is sent once: its buttons are disabled while the
// request is in flight, so a double click or an impatient second click sends nothing.
(function () {
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if ((form.method || "").toLowerCase() !== "post" || event.defaultPrevented) return;
    if (form.dataset.sending) { event.preventDefault(); return; }
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
