// Tells the app the page has loaded, as Murmelglas's window does after its first data.
window.addEventListener("load", () => window.__TAURI_INTERNALS__.invoke("ready"));
