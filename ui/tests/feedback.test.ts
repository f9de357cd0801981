import { describe, expect, it } from "vitest";

import type { CauseEntry, FeedbackRow } from "../src/lib/bindings";
import {
  activeCauses,
  answerNoteLeft,
  badgeText,
  causeLabel,
  dayText,
  daysText,
  emptyForm,
  forwardSteps,
  listQuery,
  nextState,
  noteRole,
  overdueReason,
  previousState,
  statsQuery,
  toFeedbackDraft,
} from "../src/lib/feedback";
import { messages } from "../src/lib/i18n";

const causes: CauseEntry[] = [
  { code: "waiting-time", label_de: "Wartezeit", label_en: "Waiting time", retired: false },
  { code: "price", label_de: "Preis", label_en: "Price", retired: true },
];

function row(overrides: Partial<FeedbackRow>): FeedbackRow {
  return {
    id: "0190",
    number: 1,
    kind: "complaint",
    summary: "x",
    cause: null,
    urgent: false,
    reply_wanted: false,
    state: "received",
    received_at: "2026-11-23T09:00:00+01:00",
    answered_at: null,
    closed_at: null,
    outcome: null,
    answer_due: "2026-11-25",
    close_due: "2026-12-04",
    answer_overdue: false,
    close_overdue: false,
    overdue: false,
    age_days: 0,
    contact: null,
    has_answer_note: false,
    share_summary: false,
    ...overrides,
  };
}

describe("the states of an item", () => {
  it("go forward one at a time and back one at a time", () => {
    expect(nextState("received")).toBe("in-progress");
    expect(nextState("informed")).toBe("closed");
    expect(nextState("closed")).toBeNull();
    expect(previousState("received")).toBeNull();
    expect(previousState("closed")).toBe("informed");
  });

  it("name the note a step needs: an outcome to close, a reason to go back", () => {
    expect(noteRole("informed", "closed")).toBe("outcome");
    expect(noteRole("received", "closed")).toBe("outcome");
    expect(noteRole("informed", "in-progress")).toBe("reason");
    expect(noteRole("received", "in-progress")).toBe("remark");
  });

  it("offer closing at once only when the customer wants no answer", () => {
    expect(forwardSteps("received", false)).toEqual(["in-progress", "closed"]);
    expect(forwardSteps("received", true)).toEqual(["in-progress"]);
    expect(forwardSteps("in-progress", true)).toEqual(["informed"]);
    expect(forwardSteps("informed", true)).toEqual(["closed"]);
    expect(forwardSteps("closed", false)).toEqual([]);
  });
});

describe("the list", () => {
  it("turns the window's filter into the core's query", () => {
    expect(listQuery("open")).toMatchObject({ open: true, overdue: false, state: null });
    expect(listQuery("overdue")).toMatchObject({ open: false, overdue: true, state: null });
    expect(listQuery("informed")).toMatchObject({ open: false, overdue: false, state: "informed" });
    expect(listQuery("all")).toMatchObject({ open: false, overdue: false, state: null });
  });

  it("says in words why a row is overdue, the first answer before the close", () => {
    expect(overdueReason(row({}))).toBeNull();
    expect(overdueReason(row({ overdue: true, close_overdue: true }))).toBe("feedback.overdue_close");
    expect(
      overdueReason(row({ overdue: true, answer_overdue: true, close_overdue: true })),
    ).toBe("feedback.overdue_answer");
  });

  it("shows a badge only for overdue items, capped", () => {
    expect(badgeText(0)).toBeNull();
    expect(badgeText(3)).toBe("3");
    expect(badgeText(120)).toBe("99+");
  });

  it("names causes in the window's language, and retired ones are not offered anew", () => {
    expect(causeLabel(causes, "waiting-time", "de", "ohne")).toBe("Wartezeit");
    expect(causeLabel(causes, "waiting-time", "en", "none")).toBe("Waiting time");
    expect(causeLabel(causes, null, "de", "ohne Ursache")).toBe("ohne Ursache");
    expect(causeLabel(causes, "gone", "de", "-")).toBe("gone");
    expect(activeCauses(causes).map((c) => c.code)).toEqual(["waiting-time"]);
  });
});

describe("the capture form", () => {
  it("makes a draft that names nobody and leaves empty fields out", () => {
    const form = emptyForm("suggestion", "c-1");
    form.summary = "Mehr Sitzplätze";
    form.answerNote = "   ";
    const draft = toFeedbackDraft(form);
    expect(draft).toMatchObject({
      kind: "suggestion",
      summary: "Mehr Sitzplätze",
      cause: null,
      contact: "c-1",
      recorded_by: null,
      answer_note: null,
      settled: null,
    });
  });

  it("sends the outcome when settled on the spot, even an empty one for the core to refuse", () => {
    const form = emptyForm();
    form.settledNow = true;
    expect(toFeedbackDraft(form).settled).toBe("");
    form.outcome = "Gutschein";
    form.cause = "waiting-time";
    expect(toFeedbackDraft(form)).toMatchObject({ settled: "Gutschein", cause: "waiting-time" });
  });

  it("counts the note's characters left by code point", () => {
    expect(answerNoteLeft("")).toBe(200);
    expect(answerNoteLeft("ab😀")).toBe(197);
    expect(answerNoteLeft("x".repeat(201))).toBe(-1);
  });
});

describe("the review's period", () => {
  // Wednesday, 2026-11-25.
  const today = new Date(2026, 10, 25, 15, 0);

  it("runs Monday to Sunday", () => {
    expect(statsQuery("this_week", today)).toEqual({ from: "2026-11-23", to: "2026-11-29", cause: null });
    expect(statsQuery("last_4_weeks", today, "price")).toEqual({
      from: "2026-11-02",
      to: "2026-11-29",
      cause: "price",
    });
  });

  it("covers the quarter and the year", () => {
    expect(statsQuery("this_quarter", today)).toMatchObject({ from: "2026-10-01", to: "2026-12-31" });
    expect(statsQuery("this_year", today)).toMatchObject({ from: "2026-01-01", to: "2026-12-31" });
    // A Sunday belongs to the week that began the Monday before.
    expect(statsQuery("this_week", new Date(2026, 10, 29))).toMatchObject({ from: "2026-11-23" });
  });

  it("writes days and medians the German way", () => {
    expect(daysText(1.5, "de")).toBe("1,5");
    expect(daysText(2, "en")).toBe("2");
    expect(daysText(null, "de")).toBe("–");
    expect(dayText("2026-11-23", "de")).toBe("23.11.2026");
    expect(dayText("2026-11-23", "en")).toBe("2026-11-23");
  });
});

describe("texts", () => {
  it("has the process's German words", () => {
    expect(messages.de["feedback.from_contact"]).toBe("Als Beschwerde / Anregung erfassen");
    expect(messages.de["feedback.heading"]).toBe("Anregungs- und Beschwerdemanagement");
    expect(messages.de["nav.feedback"]).toBe("Rückmeldungen");
  });
});
