import { describe, expect, it } from "vitest";

import type { Contact } from "../src/lib/bindings";
import {
  emptyFilters,
  fromLocalInput,
  isFiltered,
  needsMore,
  replaceContact,
  rowWindow,
  toLocalInput,
  toQuery,
} from "../src/lib/history";

function contact(id: string, note: string | null = null): Contact {
  return {
    id,
    occurred_at: "2026-11-23T14:05:00+01:00",
    logged_at: "2026-11-23T14:05:00+01:00",
    member: null,
    rating: "golden",
    channel: null,
    phase: null,
    purpose: null,
    motives: [],
    obstacles: [],
    place: null,
    perspectives: [],
    note,
    share_in_review: false,
    nps: null,
  };
}

describe("toQuery", () => {
  it("leaves everything open for empty filters", () => {
    expect(toQuery(emptyFilters(), "Ana")).toEqual({
      from: null,
      to: null,
      rating: null,
      channel: null,
      motive: null,
      perspective: null,
      member: null,
      text: null,
    });
  });

  it("splits the tag into motive or perspective and trims the text", () => {
    const f = { ...emptyFilters(), tag: "motive:speed", text: "  Lob  ", rating: "golden" as const };
    const q = toQuery(f, null);
    expect(q.motive).toBe("speed");
    expect(q.perspective).toBeNull();
    expect(q.text).toBe("Lob");
    expect(q.rating).toBe("golden");
    expect(toQuery({ ...emptyFilters(), tag: "perspective:market" }, null).perspective).toBe("market");
  });

  it("asks for the member's own contacts only when one logs here", () => {
    const f = { ...emptyFilters(), mineOnly: true };
    expect(toQuery(f, "Ana").member).toBe("Ana");
    expect(toQuery(f, null).member).toBeNull();
  });

  it("knows whether any filter is set", () => {
    expect(isFiltered(emptyFilters())).toBe(false);
    expect(isFiltered({ ...emptyFilters(), from: "2026-11-01" })).toBe(true);
  });
});

describe("rowWindow", () => {
  it("renders the visible rows plus overscan, never past the ends", () => {
    expect(rowWindow(1000, 50, 0, 500, 5)).toEqual({ start: 0, end: 15, offset: 0 });
    expect(rowWindow(1000, 50, 5000, 500, 5)).toEqual({ start: 95, end: 115, offset: 4750 });
    expect(rowWindow(100, 50, 4900, 500, 5)).toEqual({ start: 93, end: 100, offset: 4650 });
  });

  it("copes with an empty list and a negative scroll (elastic scrolling)", () => {
    expect(rowWindow(0, 50, 0, 500)).toEqual({ start: 0, end: 0, offset: 0 });
    expect(rowWindow(10, 50, -30, 500, 2).start).toBe(0);
  });
});

describe("needsMore", () => {
  it("fetches when the rendered end nears the loaded end and more exist", () => {
    expect(needsMore(170, 200, true)).toBe(true);
    expect(needsMore(100, 200, true)).toBe(false);
    expect(needsMore(199, 200, false)).toBe(false);
  });
});

describe("replaceContact", () => {
  it("replaces an edited contact in place and removes a deleted one", () => {
    const list = [contact("a"), contact("b"), contact("c")];
    const edited = contact("b", "neu");
    expect(replaceContact(list, "b", edited).map((c) => c.note)).toEqual([null, "neu", null]);
    expect(replaceContact(list, "b", null).map((c) => c.id)).toEqual(["a", "c"]);
  });
});

describe("datetime-local values", () => {
  it("keep the contact's own UTC offset", () => {
    expect(toLocalInput("2026-11-23T14:05:30+01:00")).toBe("2026-11-23T14:05");
    expect(fromLocalInput("2026-11-22T09:15", "2026-11-23T14:05:30+01:00")).toBe(
      "2026-11-22T09:15:00+01:00",
    );
    expect(fromLocalInput("2026-07-01T09:15", "2026-07-02T10:00:00-04:00")).toBe(
      "2026-07-01T09:15:00-04:00",
    );
  });
});
