// Acts on what the server asked through the hidden #page-signals element (state/signals.py):
// no code travels from the server, so the Content-Security-Policy needs no 'unsafe-eval'.
(function () {
  "use strict";
  var done = {};
  function once(kind, nonce) {
    if (!nonce || done[kind] === nonce) return false;
    var key = "pf-signal-" + kind;
    try {
      if (sessionStorage.getItem(key) === nonce) { done[kind] = nonce; return false; }
      sessionStorage.setItem(key, nonce);
    } catch (e) { /* storage refused: act once in this page */ }
    done[kind] = nonce;
    return true;
  }
  function act() {
    var el = document.getElementById("page-signals");
    if (!el) return;
    var d = el.dataset;
    if (d.lang) document.documentElement.lang = d.lang;
    // A nonce restored with the tab's state is not a page that just loaded: only a new one.
    if (once("ready", d.ready)) document.documentElement.dataset.ready = "1";
    if (once("go", d.goNonce) && d.go && d.go.charAt(0) === "/" && d.go.charAt(1) !== "/") {
      window.location.assign(d.go);
      return;
    }
    if (d.ticket && once("ticket", d.ticketNonce)) {
      // The ticket's hop to the HttpOnly session cookie: a same-origin POST with this tab's
      // token (Reflex keeps it in sessionStorage), never a link (api/routes.py).
      var form = document.createElement("form");
      form.method = "post";
      form.action = "/api/auth/ticket";
      var fields = { t: d.ticket, tab: sessionStorage.getItem("token") || "" };
      Object.keys(fields).forEach(function (name) {
        var input = document.createElement("input");
        input.type = "hidden"; input.name = name; input.value = fields[name];
        form.appendChild(input);
      });
      document.body.appendChild(form);
      form.submit();
      return;
    }
    if (d.focus && once("focus", d.focusNonce)) {
      var id = d.focus;
      setTimeout(function () {
        var target = document.getElementById(id);
        if (!target) return;
        var focusable = "input, select, textarea, button, a[href], [tabindex]";
        if (!target.matches(focusable)) {
          // A form or a section: the keyboard lands on its first field.
          target.scrollIntoView();
          target = target.querySelector("input, select, textarea") || target;
        }
        target.focus();
      }, 60);
    }
  }
  new MutationObserver(act).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true,
    attributeFilter: [
      "data-lang", "data-ready", "data-focus-nonce", "data-go-nonce", "data-ticket-nonce",
    ],
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", act);
  else act();
})();
