import { describe, expect, it } from "vitest";

import { messages } from "../src/lib/i18n";
import {
  PENDING_AFTER_MS,
  pendingCounts,
  pendingRatings,
  pendingReason,
  visiblePending,
  type PendingLog,
} from "../src/lib/pending";

const at = (key: number, since: number, rating: PendingLog["rating"] = "golden"): PendingLog => ({
  key,
  rating,
  since,
});

describe("logs waiting for the database", () => {
  it("shows a log only once it has waited long enough, oldest first", () => {
    const pending = [at(2, 1_000, "ordinary"), at(1, 900), at(3, 1_250)];
    expect(visiblePending(pending, 1_000 + PENDING_AFTER_MS - 1).map((p) => p.key)).toEqual([1]);
    expect(visiblePending(pending, 1_000 + PENDING_AFTER_MS).map((p) => p.key)).toEqual([1, 2]);
    expect(visiblePending(pending, 10_000).map((p) => p.key)).toEqual([1, 2, 3]);
    expect(visiblePending([], 10_000)).toEqual([]);
  });

  it("says why it waits: our import, or the database in general", () => {
    expect(pendingReason(true)).toBe("pending.after_import");
    expect(pendingReason(false)).toBe("pending.waiting");
    expect(messages.de[pendingReason(true)]).toBe("Wird gespeichert, sobald der Import fertig ist …");
    expect(messages.de[pendingReason(false)]).toBe("Warte auf die Datenbank …");
  });

  it("counts the waiting marbles by kind for the jar and the text", () => {
    const pending = [at(1, 0), at(2, 0, "ordinary"), at(3, 0)];
    expect(pendingRatings(pending)).toEqual(["golden", "ordinary", "golden"]);
    expect(pendingCounts(pending)).toEqual({ golden: 2, ordinary: 1 });
    expect(pendingCounts([])).toEqual({ golden: 0, ordinary: 0 });
  });
});
