// pindesk's web form, enhanced: answers as you type, copy buttons, feedback without a reload.
// The page works without this file; every answer comes from the server's own renderer (/answer).
(function () {
  "use strict";
  var DELAY_MS = 250;
  var form = document.getElementById("ask-form");
  var box = document.getElementById("answer");
  var timer = null, pending = null, shown = form ? asked().toString() : "";

  function asked() {  // what the box asks, without the form's CSRF token (which must stay out of URLs)
    var params = new URLSearchParams(new FormData(form));
    params.delete("csrf_token");
    return params;
  }

  function revealButtons(root) {
    root.querySelectorAll("button[data-copy]").forEach(function (b) { b.hidden = false; });
  }

  function note(text, className) {
    var p = document.createElement("p");
    p.className = className;
    p.setAttribute("role", "status");
    p.textContent = text;
    return p;
  }

  function update() {
    var params = asked();
    var wanted = params.toString();
    if (wanted === shown) return;
    shown = wanted;
    if (pending) pending.abort();
    if (!params.get("q").trim()) {
      box.replaceChildren();
      history.replaceState(null, "", form.action);
      return;
    }
    pending = new AbortController();
    fetch("/answer?" + wanted, { signal: pending.signal, headers: { Accept: "text/html" } })
      .then(function (r) {
        if (!r.ok) throw new Error("pindesk could not answer that (HTTP " + r.status + ")");
        return r.text();
      })
      .then(function (html) {
        box.innerHTML = html;  // the server's own card: every echoed string is escaped there
        revealButtons(box);
        history.replaceState(null, "", form.action + "?" + wanted);
      })
      .catch(function (err) {
        if (err.name !== "AbortError") box.replaceChildren(note(err.message, "error-note"));
      });
  }

  function copy(button) {
    var field = document.getElementById(button.dataset.copy);
    var done = function () { button.textContent = "Copied"; setTimeout(function () { button.textContent = "Copy"; }, 2000); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
    } else {  // plain http on an intranet host: no Clipboard API there
      field.select();
      if (document.execCommand("copy")) done();
    }
  }

  function sendFeedback(event) {
    var f = event.target;
    if (!f.classList.contains("feedback-form")) return;
    event.preventDefault();
    var data = new FormData(f, event.submitter);
    fetch(f.action, { method: "POST", body: data, headers: { Accept: "application/json" } })
      .then(function (r) {
        f.replaceWith(r.ok ? note("Thank you: your feedback was recorded.", "thanks")
                           : note("Your feedback could not be recorded (HTTP " + r.status + ").", "error-note"));
      })
      .catch(function () { f.replaceWith(note("Your feedback could not be sent; check the connection.", "error-note")); });
  }

  if (form && box) {
    form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, DELAY_MS); });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy]");
    if (button) copy(button);
  });
  document.addEventListener("submit", sendFeedback);
  revealButtons(document);
})();
