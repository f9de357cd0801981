import { describe, expect, it } from "vitest";

import type { Comparison, Region } from "../src/lib/bindings";
import {
  AGENDA,
  changeText,
  emptyReviewFilters,
  formatP,
  meetingKey,
  nextRegion,
  presetRange,
  regionStyle,
  signedPoints,
  startOfWeek,
  toReviewQuery,
  validRange,
} from "../src/lib/review";

// Wednesday, 25 November 2026.
const wednesday = new Date(2026, 10, 25);

describe("review periods", () => {
  it("starts weeks on the team's day", () => {
    expect(startOfWeek(wednesday, "monday").getDate()).toBe(23);
    expect(startOfWeek(wednesday, "sunday").getDate()).toBe(22);
    expect(startOfWeek(wednesday, "saturday").getDate()).toBe(21);
    // A Monday is its own week start.
    expect(startOfWeek(new Date(2026, 10, 23), "monday").getDate()).toBe(23);
  });

  it("covers whole weeks and the calendar quarter", () => {
    expect(presetRange("this_week", wednesday, "monday")).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(presetRange("last_week", wednesday, "monday")).toEqual({ from: "2026-11-16", to: "2026-11-22" });
    expect(presetRange("last_4_weeks", wednesday, "monday")).toEqual({ from: "2026-11-02", to: "2026-11-29" });
    expect(presetRange("quarter", wednesday, "monday")).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(presetRange("quarter", new Date(2026, 1, 10), "monday")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(presetRange("this_week", wednesday, "sunday")).toEqual({ from: "2026-11-22", to: "2026-11-28" });
    // Across a year's end.
    expect(presetRange("last_week", new Date(2027, 0, 2), "monday")).toEqual({ from: "2026-12-21", to: "2026-12-27" });
  });

  it("accepts a custom range only with both dates in order", () => {
    expect(validRange({ from: "2026-11-01", to: "2026-11-30" })).toBe(true);
    expect(validRange({ from: "2026-11-30", to: "2026-11-30" })).toBe(true);
    expect(validRange({ from: "2026-12-01", to: "2026-11-30" })).toBe(false);
    expect(validRange({ from: "", to: "2026-11-30" })).toBe(false);
  });

  it("turns the form into the backend's query", () => {
    const f = { ...emptyReviewFilters(), channel: "phone" as const, tag: "perspective:market" };
    expect(toReviewQuery({ from: "2026-11-16", to: "2026-11-22" }, f, "Ana")).toEqual({
      from: "2026-11-16",
      to: "2026-11-22",
      member: "Ana",
      filter: {
        rating: null,
        channel: "phone",
        phase: null,
        purpose: null,
        motive: null,
        perspective: "market",
        place: null,
        obstacle: null,
      },
    });
    expect(toReviewQuery({ from: "a", to: "b" }, emptyReviewFilters(), null).filter.motive).toBeNull();
  });

  it("narrows to a place and to what got in our way", () => {
    const f = { ...emptyReviewFilters(), tag: "obstacle:lack-of-time", place: "Filiale Markt" };
    const filter = toReviewQuery({ from: "a", to: "b" }, f, null).filter;
    expect(filter).toMatchObject({ place: "Filiale Markt", obstacle: "lack-of-time", motive: null, perspective: null });
    expect(toReviewQuery({ from: "a", to: "b" }, emptyReviewFilters(), null).filter.place).toBeNull();
  });
});

function comparison(change: Comparison["change"], difference: number | null): Comparison {
  const none = { total: 0, golden: 0, ordinary: 0, golden_share: null, ci_low: null, ci_high: null };
  return { current: none, previous: none, difference, p_value: 0.03, change };
}

describe("change in words", () => {
  it("calls a change real only when the test says so", () => {
    expect(changeText(comparison("up", 0.0649))).toEqual({ key: "review.change_up", points: 6, symbol: "▲" });
    expect(changeText(comparison("down", -0.12))).toEqual({ key: "review.change_down", points: -12, symbol: "▼" });
    expect(changeText(comparison("within_normal_variation", 0.04)).key).toBe("review.change_normal");
    expect(changeText(comparison("too_few_to_tell", null))).toEqual({
      key: "review.change_too_few",
      points: null,
      symbol: "≈",
    });
  });

  it("never shows a p-value of zero", () => {
    expect(formatP("de", 0.0000123)).toBe("p < 0,001");
    expect(formatP("en", 0.0042)).toBe("p = 0.004");
    expect(formatP("de", 0.034)).toBe("p = 0,03");
    expect(formatP("en", 0.5)).toBe("p = 0.50");
    expect(formatP("de", null)).toBe("");
  });

  it("writes points with their sign", () => {
    expect(signedPoints(6)).toBe("+6");
    expect(signedPoints(-3)).toBe("−3");
    expect(signedPoints(0)).toBe("±0");
  });
});

describe("chart regions", () => {
  it("sit over their bar in percent, so they scale with the chart", () => {
    const r: Region = { key: "channel:phone", label: "Telefon", x: 96, y: 48, width: 192, height: 24 };
    expect(regionStyle(r, 960, 480)).toBe("left:10.000%;top:10.000%;width:20.000%;height:5.000%");
  });

  it("move the focus to the nearest region in the arrow's direction", () => {
    // A 2 × 3 grid like a heat map: row 0 at y 0, row 1 at y 10; columns at x 0, 10, 20.
    const cell = (row: number, col: number): Region => ({
      key: `heat:${row}:${col}`,
      label: "",
      x: col * 10,
      y: row * 10,
      width: 8,
      height: 8,
    });
    const grid = [cell(0, 0), cell(0, 1), cell(0, 2), cell(1, 0), cell(1, 1), cell(1, 2)];
    expect(nextRegion("ArrowRight", 0, grid)).toBe(1);
    expect(nextRegion("ArrowDown", 1, grid)).toBe(4);
    expect(nextRegion("ArrowUp", 5, grid)).toBe(2);
    expect(nextRegion("ArrowLeft", 4, grid)).toBe(3);
    // At an edge the focus stays where it is.
    expect(nextRegion("ArrowRight", 2, grid)).toBe(2);
    expect(nextRegion("ArrowUp", 0, grid)).toBe(0);
    expect(nextRegion("Home", 4, grid)).toBe(0);
    expect(nextRegion("End", 0, grid)).toBe(5);
    expect(nextRegion("Enter", 1, grid)).toBeNull();
    expect(nextRegion("ArrowRight", 0, [])).toBeNull();
  });
});

describe("meeting agenda", () => {
  it("steps forward and back, and Escape leaves", () => {
    const n = AGENDA.length;
    expect(AGENDA.map((a) => a.id)).toEqual([
      "measures",
      "overview",
      "trend",
      "tags",
      "when_where",
      "stories",
      "feedback",
      "conclusions",
    ]);
    expect(meetingKey("ArrowRight", 0, n)).toBe(1);
    expect(meetingKey("PageDown", n - 1, n)).toBe(n - 1);
    expect(meetingKey(" ", 2, n)).toBe(3);
    expect(meetingKey("PageUp", 0, n)).toBe(0);
    expect(meetingKey("End", 0, n)).toBe(n - 1);
    expect(meetingKey("Escape", 3, n)).toBe("leave");
    expect(meetingKey("g", 3, n)).toBeNull();
  });
});
