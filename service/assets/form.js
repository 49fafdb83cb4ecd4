// The report form's only script. Everything works without it: it adds the quick exit (the
// page is replaced, so Back does not return to it where the browser allows), shows questions
// only once the answer they depend on is given, and focuses the error summary so screen
// readers announce it.
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
  // Questions that only apply after an answer: hidden (and cleared) until it is chosen.
  var dependent = document.querySelectorAll("[data-show-when]");
  function update() {
    Array.prototype.forEach.call(dependent, function (question) {
      var condition = question.getAttribute("data-show-when").split("=");
      var chosen = document.querySelector('input[name="' + condition[0] + '"][value="' + condition[1] + '"]');
      var show = Boolean(chosen && chosen.checked) || question.classList.contains("has-error");
      question.hidden = !show;
      if (!show) {
        Array.prototype.forEach.call(question.querySelectorAll("input"), function (input) {
          if (input.type === "checkbox" || input.type === "radio") { input.checked = false; } else { input.value = ""; }
        });
      }
    });
  }
  if (dependent.length) {
    document.addEventListener("change", update);
    update();
  }

  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
