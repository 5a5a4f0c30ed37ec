// trellis serve: reload this page after every rebuild. Only `trellis serve` adds this
// script; built sites never include it.
(function () {
  "use strict";
  var script = document.currentScript;
  var built = script ? script.getAttribute("data-generation") : null;
  var source = new EventSource("/__trellis/events");
  // On (re)connecting, the server names its current build: a page from an older one
  // (a save landed while it loaded, or the server restarted) reloads at once.
  source.addEventListener("generation", function (event) {
    if (built !== null && event.data !== built) {
      window.location.reload();
    }
  });
  source.onmessage = function (event) {
    if (event.data === "reload") {
      window.location.reload();
    }
  };
})();
