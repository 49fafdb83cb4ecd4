// The report form's only script. Everything works without it: it adds the quick exit (the
// page is replaced, so Back does not return to it where the browser allows), shows questions
// only once the answer they depend on is given, checks the answers in place before sending
// (the server's own field errors), and focuses the error summary so screen readers announce it.
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
    // Shift pressed and released on its own three times within a second, as GOV.UK's "Exit
    // this page": Shift used for a capital (or held while another key is pressed) never
    // counts and starts the count again, so typing "SW1A 1AA" or a name does not leave.
    var presses = 0, timer = null, shiftAlone = false;
    var reset = function () { presses = 0; clearTimeout(timer); };
    document.addEventListener("keydown", function (event) {
      if (event.key === "Shift") {
        if (!event.repeat) { shiftAlone = true; }
      } else {
        shiftAlone = false;
        reset();
      }
    });
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") { return; }
      if (!shiftAlone) { reset(); return; }
      shiftAlone = false;
      presses += 1;
      clearTimeout(timer);
      timer = setTimeout(reset, 1000);
      if (presses >= 3) { reset(); leave(); }
    });
  }
  // Whatever scrolls into view lands below the exit bar, however tall it is in this language
  // and at this width (WCAG 2.2 "focus not obscured"); form.css has a fallback without this.
  var bar = document.querySelector(".exit-bar");
  function clearOfBar() {
    if (bar) { document.documentElement.style.scrollPaddingTop = (bar.offsetHeight + 12) + "px"; }
  }
  clearOfBar();
  window.addEventListener("resize", clearOfBar);
  // An error link shows its whole question (label, hint, message) below the bar and puts focus
  // in the field, as GOV.UK's error summary does; without the script it is a plain link.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    event.preventDefault();
    unfold(target);
    (target.closest(".question") || target).scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  });

  // A question inside "Tell us more" is shown before it is pointed at.
  function unfold(element) {
    var details = element && element.closest && element.closest("details");
    if (details) { details.open = true; }
  }

  // Questions (and sections) that only apply after an answer: hidden, and cleared, until one
  // of the answers they depend on (`field=value|field=value`) is chosen.
  var dependent = document.querySelectorAll("[data-show-when]");
  function chosen(condition) {
    var parts = condition.split("=");
    var input = document.querySelector('input[name="' + parts[0] + '"][value="' + parts[1] + '"]');
    return Boolean(input && input.checked);
  }
  function update() {
    Array.prototype.forEach.call(dependent, function (question) {
      var show = question.getAttribute("data-show-when").split("|").some(chosen) ||
        question.classList.contains("has-error") || Boolean(question.querySelector(".has-error"));
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

  // Checked in place before sending: the same field errors the server gives, shown without a
  // new page. Sending waits for the answer; if the check cannot run, the form is sent as is.
  var form = document.querySelector("form[data-check]");
  function clearErrors() {
    var old = document.getElementById("error-summary");
    if (old) { old.parentNode.removeChild(old); }
    Array.prototype.forEach.call(document.querySelectorAll("p.error"), function (p) { p.parentNode.removeChild(p); });
    Array.prototype.forEach.call(document.querySelectorAll(".has-error"), function (q) { q.classList.remove("has-error"); });
    Array.prototype.forEach.call(document.querySelectorAll("[aria-invalid]"), function (i) { i.removeAttribute("aria-invalid"); });
  }
  function showErrors(errors) {
    clearErrors();
    var summary = document.createElement("div");
    summary.className = "error-summary";
    summary.id = "error-summary";
    summary.setAttribute("role", "alert");
    summary.setAttribute("tabindex", "-1");
    var title = document.createElement("h2");
    title.textContent = form.getAttribute("data-summary-title");
    var hint = document.createElement("p");
    hint.textContent = form.getAttribute("data-summary-hint");
    var list = document.createElement("ul");
    errors.forEach(function (error) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + error.anchor;
      link.textContent = error.message;
      item.appendChild(link);
      list.appendChild(item);
      var target = document.getElementById(error.anchor);
      unfold(target);
      var question = target && target.closest(".question");
      if (question && !document.getElementById(error.anchor + "-error")) {
        question.classList.add("has-error");
        var message = document.createElement("p");
        message.className = "error";
        message.id = error.anchor + "-error";
        message.textContent = error.inline;
        var label = question.querySelector("legend, label");
        label.parentNode.insertBefore(message, label.nextSibling);
        if (target.tagName === "INPUT" || target.tagName === "TEXTAREA") {
          target.setAttribute("aria-invalid", "true");
          var described = target.getAttribute("aria-describedby") || "";
          target.setAttribute("aria-describedby", (described + " " + message.id).trim());
        }
      }
    });
    summary.appendChild(title);
    summary.appendChild(hint);
    summary.appendChild(list);
    var heading = document.querySelector("main h1");
    heading.parentNode.insertBefore(summary, heading.nextSibling);
    summary.focus();
  }
  // The button that sends the form, where the browser does not say (`event.submitter` is
  // missing from older Safari).
  var clickedSubmit = null;
  document.addEventListener("click", function (event) {
    clickedSubmit = event.target.closest ? event.target.closest("button[type=submit]") : null;
  }, true);
  if (form && window.fetch && window.URLSearchParams) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-checked") === "yes") { return; }
      // The language picker posts the answers to the other language's form: nothing is sent.
      var submitter = event.submitter || clickedSubmit;
      if (submitter && submitter.name === "change_language") { return; }
      event.preventDefault();
      var body = new URLSearchParams(new FormData(form));
      fetch(form.getAttribute("data-check"), {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: body,
        credentials: "same-origin"
      })
        .then(function (response) { return response.ok ? response.json() : { errors: [] }; })
        .then(function (answer) {
          if (answer.errors && answer.errors.length) {
            showErrors(answer.errors);
          } else {
            form.setAttribute("data-checked", "yes");
            form.submit();
          }
        })
        .catch(function () { form.setAttribute("data-checked", "yes"); form.submit(); });
    });
  }

  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  // The confirmation's copy buttons, where the browser lets a page write to the clipboard.
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard || !window.isSecureContext) { return; }
    var status = button.nextElementSibling;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        // Said in a status region, which screen readers announce; the button keeps its name.
        if (status) { status.textContent = button.getAttribute("data-copied"); }
      }, function () {
        // The browser refused: the code is still on the page to write down.
        button.hidden = true;
      });
    });
  });
  // The reference and the receipt are shown once: leaving the page blanks them, so a page
  // restored by Back from the browser's memory (the back-forward cache) shows no report.
  function forgetShownOnce() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-shown-once]"), function (element) {
      element.textContent = "";
    });
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
      button.hidden = true;
    });
  }
  window.addEventListener("pagehide", forgetShownOnce);
  window.addEventListener("pageshow", function (event) { if (event.persisted) { forgetShownOnce(); } });
})();
