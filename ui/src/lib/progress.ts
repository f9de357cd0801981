// How far an import or export has come, as the settings view shows it: rows in words and
// a bar from the bytes read (import) or the contacts written (export).

import type { ExportProgress, ImportProgressEvent } from "./bindings";
import { count, type Language } from "./i18n";

/** 0–1, or `null` when the whole is unknown. */
export function importFraction(p: ImportProgressEvent): number | null {
  if (p.total_bytes === null || p.total_bytes <= 0) return null;
  return Math.min(1, Math.max(0, p.bytes / p.total_bytes));
}

export function exportFraction(p: ExportProgress): number | null {
  if (p.total <= 0) return null;
  return Math.min(1, Math.max(0, p.rows / p.total));
}

/** A whole percentage for the bar's text, e.g. "42 %". */
export function percentText(lang: Language, fraction: number | null): string {
  if (fraction === null) return "";
  const value = new Intl.NumberFormat(lang === "de" ? "de-DE" : "en-GB", {
    maximumFractionDigits: 0,
  }).format(Math.floor(fraction * 100));
  return `${value} %`;
}

/** A file size the German or English way: "1,4 MB", "812 kB", "96 Bytes". */
export function fileSize(lang: Language, bytes: number): string {
  const locale = lang === "de" ? "de-DE" : "en-GB";
  const one = (n: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: n < 10 ? 1 : 0 }).format(n);
  if (bytes < 1000) return `${count(lang, bytes)} ${lang === "de" ? "Bytes" : "bytes"}`;
  if (bytes < 1_000_000) return `${one(bytes / 1000)} kB`;
  if (bytes < 1_000_000_000) return `${one(bytes / 1_000_000)} MB`;
  return `${one(bytes / 1_000_000_000)} GB`;
}
