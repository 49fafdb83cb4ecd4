// The report form's only script. Everything works without it: it adds the quick exit (the
// page is replaced, so Back does not return to it where the browser allows) and focuses the
// error summary so screen readers announce it.
(function () {
  "use strict";
  var exit = document.getElementById("exit-this-page");
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.hidden = true;
    window.location.replace(exit.href);
  }
  if (exit) {
    exit.addEventListener("click", leave);
    var presses = 0, timer = null;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift") { return; }
      presses += 1;
      clearTimeout(timer);
      timer = setTimeout(function () { presses = 0; }, 1000);
      if (presses >= 3) { leave(); }
    });
  }
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
