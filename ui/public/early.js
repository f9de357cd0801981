// The start screen's data, as a script the page's parser waits for (a few milliseconds:
// the database is open by now) before the page's own code runs. src-tauri's
// start_script.rs makes it, with the answers of the `bootstrap` and `jar` commands;
// src/lib/api.ts takes them (takeEarlyStart). So the first layout, and with it WebKit's
// first paint, already shows today's jar. Without this script the page asks by command.
"use strict";
// The first of the start's timing marks (src/lib/timings.ts).
performance.mark("early");
(function () {
  var ipc = window.__TAURI_INTERNALS__;
  if (!ipc || !ipc.convertFileSrc) return;
  // Written here, not in index.html: the scheme's address differs between platforms
  // (murmelglas-start://localhost/… or http://murmelglas-start.localhost/…).
  var src = ipc.convertFileSrc("start.js", "murmelglas-start");
  document.write('<script src="' + src + '"></scr' + 'ipt>');
})();
