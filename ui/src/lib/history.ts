// The history's filters as the form holds them, how they become the backend's query, and
// which rows of a long list are worth rendering.

import type { Channel, Contact, HistoryQuery, Motive, Perspective, Rating } from "./bindings";

export interface HistoryFilters {
  from: string;
  to: string;
  rating: Rating | "";
  channel: Channel | "";
  /** `motive:speed` or `perspective:market`, or "" for any. */
  tag: string;
  text: string;
  mineOnly: boolean;
}

export function emptyFilters(): HistoryFilters {
  return { from: "", to: "", rating: "", channel: "", tag: "", text: "", mineOnly: false };
}

export function isFiltered(f: HistoryFilters): boolean {
  const empty = emptyFilters();
  return (Object.keys(empty) as (keyof HistoryFilters)[]).some((k) => f[k] !== empty[k]);
}

/** The backend query for the form's filters; `member` is whoever logs on this computer. */
export function toQuery(f: HistoryFilters, member: string | null): HistoryQuery {
  const [kind, code] = f.tag.split(":");
  const text = f.text.trim();
  return {
    from: f.from || null,
    to: f.to || null,
    rating: f.rating || null,
    channel: f.channel || null,
    motive: kind === "motive" ? (code as Motive) : null,
    perspective: kind === "perspective" ? (code as Perspective) : null,
    member: f.mineOnly && member ? member : null,
    text: text === "" ? null : text,
  };
}

export interface RowWindow {
  /** Index of the first row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
  /** Space above the first rendered row, in pixels. */
  offset: number;
}

/**
 * Rows to render for a list of `total` rows of `rowHeight` pixels scrolled to `scrollTop`
 * in a viewport `viewport` pixels high, with `overscan` extra rows on each side so fast
 * scrolling does not show blank space.
 */
export function rowWindow(
  total: number,
  rowHeight: number,
  scrollTop: number,
  viewport: number,
  overscan = 8,
): RowWindow {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(total, first - overscan));
  const end = Math.min(total, first + Math.ceil(viewport / rowHeight) + overscan);
  return { start, end: Math.max(start, end), offset: start * rowHeight };
}

/** Whether to fetch the next page: when the rendered rows come near the loaded end. */
export function needsMore(end: number, loaded: number, hasMore: boolean, margin = 40): boolean {
  return hasMore && loaded - end < margin;
}

/** Replaces a contact in the loaded list (after an edit), or removes it (`null`). */
export function replaceContact(list: Contact[], id: string, next: Contact | null): Contact[] {
  return next === null
    ? list.filter((c) => c.id !== id)
    : list.map((c) => (c.id === id ? next : c));
}

/** `2026-11-23T14:05:00+01:00` as the value of a `datetime-local` input: `2026-11-23T14:05`. */
export function toLocalInput(rfc3339: string): string {
  return rfc3339.slice(0, 16);
}

/**
 * A `datetime-local` value back as RFC 3339, keeping the contact's own UTC offset, or the
 * offset this computer has at that moment when the contact had none.
 */
export function fromLocalInput(value: string, originalRfc3339: string): string {
  const m = /([+-]\d{2}:\d{2}|Z)$/.exec(originalRfc3339);
  const offset = m ? m[1] : localOffset(new Date(value));
  return `${value}:00${offset}`;
}

function localOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
