/* Development only: `make devserver` adds this script to every page it serves (never to the
   files in output/, so it can never be published), with data-page: a hash of the page's bytes
   as served. It asks the server for news and the server answers as soon as there are some (a
   long poll): when this page's bytes changed the page reloads; when the last update failed,
   the errors are shown over the page until they are fixed. A file, not an inline script, so
   a strict Content-Security-Policy (script-src 'self') allows it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script ? script.getAttribute("data-page") : "";
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
    var url = "/__rart/status?page=" + encodeURIComponent(window.location.pathname) +
      "&version=" + encodeURIComponent(version) + (seen === null ? "" : "&seen=" + seen);
    fetch(url, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.reload) {
          window.location.reload();
          return;
        }
        seen = status.changes;
        if (status.problems.length) {
          show(status.title, status.problems);
        } else {
          hide();
        }
        poll();
      })
      .catch(function () { window.setTimeout(poll, 1000); /* the server is restarting */ });
  }

  poll();
})();
