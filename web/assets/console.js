// The staff console's idle warning (MOJ "timeout warning"): five minutes before an idle
// session ends, a dialog says so and offers to stay signed in. Without the script the session
// still ends after 30 idle minutes, and the next page asks to sign in again.
(function () {
  "use strict";
  var dialog = document.getElementById("timeout-warning");
  if (!dialog) return;
  var warnSeconds = Number(dialog.getAttribute("data-warn-seconds")) || 300;
  var endsAt = Date.now() + (Number(dialog.getAttribute("data-idle-seconds")) || 1800) * 1000;
  var minutes = dialog.querySelector(".timeout-minutes");
  var stay = document.getElementById("timeout-stay");
  var returnFocus = null;
  var tick = null;

  function open() {
    if (!dialog.hidden) return;
    returnFocus = document.activeElement;
    dialog.hidden = false;
    document.getElementById("timeout-heading").focus();
  }
  function close() {
    dialog.hidden = true;
    if (returnFocus && returnFocus.focus) returnFocus.focus();
  }
  function update() {
    var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    if (left <= 0) {
      window.location.assign("/staff/sign-in?return_to=" + encodeURIComponent(location.pathname + location.search));
      return;
    }
    if (left <= warnSeconds) {
      open();
      var m = Math.ceil(left / 60);
      minutes.textContent = m + (m === 1 ? " minute" : " minutes");
    }
  }
  function keepAlive() {
    var body = new URLSearchParams();
    body.set("csrf", dialog.getAttribute("data-csrf"));
    fetch("/staff/keep-alive", { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer) { window.location.assign("/staff/sign-in"); return; }
        endsAt = Date.now() + answer.seconds_left * 1000;
        close();
      });
  }
  stay.addEventListener("click", keepAlive);
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); keepAlive(); }
    // Keep focus inside the dialog while it is open.
    if (event.key === "Tab") {
      var items = dialog.querySelectorAll("button");
      var first = items[0], last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    }
  });
  tick = setInterval(update, 1000);
  update();
  // An error summary takes focus, so a keyboard or screen-reader user hears it first.
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
})();
