// The window's first two requests, sent while the page's own code still loads (some
// 50 ms on a slow computer): the database's start data, and today's team jar — what the
// start screen shows before anyone has chosen anything. src/lib/api.ts takes them
// (takeEarlyStart); without this file the page asks for them itself, later.
"use strict";
(function () {
  var ipc = window.__TAURI_INTERNALS__;
  if (!ipc) return;
  window.__murmelglasEarly = {
    bootstrap: ipc.invoke("bootstrap"),
    jar: ipc.invoke("jar", { period: "today", member: null, thisComputer: false }),
  };
})();
