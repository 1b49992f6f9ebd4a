/* Development only: `make devserver` adds this script to every page it serves (never to the
   files in output/, so it can never be published). Twice a second it asks the server for the
   number of the last successful build; when that changes the page reloads. When the last
   rebuild failed, it shows the errors over the page until they are fixed. A file, not an
   inline script, so a strict Content-Security-Policy (script-src 'self') allows it. */
(function () {
  "use strict";
  var seen = null;
  var box = null;

  function hide() {
    if (box) {
      box.remove();
      box = null;
    }
  }

  function show(title, problems) {
    hide();
    box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.id = "rart-devserver-errors";
    var s = box.style;
    s.position = "fixed";
    s.insetInline = "0";
    s.insetBlockEnd = "0";
    s.maxBlockSize = "60vh";
    s.overflow = "auto";
    s.zIndex = "2147483647";
    s.background = "#fff4f4";
    s.color = "#1a1a1a";
    s.borderBlockStart = "4px solid #b10e1e";
    s.padding = "1rem";
    s.font = "15px/1.4 system-ui, sans-serif";
    var heading = document.createElement("strong");
    heading.textContent = title;
    var text = document.createElement("pre");
    text.style.whiteSpace = "pre-wrap";
    text.style.font = "14px/1.4 ui-monospace, monospace";
    text.textContent = problems.join("\n\n");
    box.appendChild(heading);
    box.appendChild(text);
    document.body.appendChild(box);
  }

  function poll() {
    fetch("/__rart/status", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (seen === null) {
          seen = status.build;
        } else if (status.build !== seen) {
          window.location.reload();
          return;
        }
        if (status.problems.length) {
          show(status.title, status.problems);
        } else {
          hide();
        }
      })
      .catch(function () { /* the server is restarting: try again */ })
      .then(function () { window.setTimeout(poll, 500); });
  }

  poll();
})();
