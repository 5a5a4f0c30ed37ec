// trellis serve: reload this page after every rebuild. Only `trellis serve` adds this
// script; built sites never include it.
(function () {
  "use strict";
  var source = new EventSource("/__trellis/events");
  source.onmessage = function (event) {
    if (event.data === "reload") {
      window.location.reload();
    }
  };
})();
