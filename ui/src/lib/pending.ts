// Contacts logged but not stored yet. A log normally lands within milliseconds; one that
// waits for the database (an import holds SQLite's write lock, or another program writes)
// is shown as a pending marble with the reason, and the jar takes it when it lands.

import type { Rating } from "./bindings";
import type { MessageKey } from "./i18n";

/** How long a log may take before the window shows it as pending. */
export const PENDING_AFTER_MS = 300;

export interface PendingLog {
  key: number;
  rating: Rating;
  /** When the key was pressed (ms since the epoch). */
  since: number;
}

/** Why the marbles wait, in words: an import of ours, or the database in general. */
export function pendingReason(importRunning: boolean): MessageKey {
  return importRunning ? "pending.after_import" : "pending.waiting";
}

/** The logs that have waited long enough to be shown, oldest first. */
export function visiblePending(pending: PendingLog[], now: number): PendingLog[] {
  return pending.filter((p) => now - p.since >= PENDING_AFTER_MS).sort((a, b) => a.since - b.since);
}

/** The waiting marbles' ratings, for the jar. */
export function pendingRatings(pending: PendingLog[]): Rating[] {
  return pending.map((p) => p.rating);
}

/** How many of each kind wait. */
export function pendingCounts(pending: PendingLog[]): { golden: number; ordinary: number } {
  const golden = pending.filter((p) => p.rating === "golden").length;
  return { golden, ordinary: pending.length - golden };
}
