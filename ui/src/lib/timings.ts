/**
 * Where the page's start goes: the marks the start sets (`mark`) and WebKit's own paint
 * entries, in ms after the page started loading. Sent with `desktop_ready`; the app
 * prints them for scripts/bench-app.py when it is asked to (MURMELGLAS_REPORT_READY).
 */
export function mark(name: string) {
  performance.mark(name);
}

export function pageTimings(): [string, number][] {
  return [...performance.getEntriesByType("mark"), ...performance.getEntriesByType("paint")].map(
    (entry) => [entry.name, Math.round(entry.startTime * 10) / 10],
  );
}
