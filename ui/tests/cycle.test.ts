import { describe, expect, it } from "vitest";

import type { Effect, EffectSide, Goal, MeasureReview, VocabularyEntry } from "../src/lib/bindings";
import {
  decisionsOf,
  describeFocus,
  effectView,
  emptyConclusions,
  emptyGoalForm,
  focusGroups,
  formatDay,
  goalDraft,
  goalTargetText,
  GOAL_PART_KINDS,
  measureDraft,
  meetingDraft,
  parseTargetPercent,
  sortMeasures,
  splitGoals,
} from "../src/lib/cycle";

const vocabulary: VocabularyEntry[] = [
  { kind: "channel", code: "phone", label_de: "Telefon", label_en: "Phone", hint_de: null, hint_en: null },
  { kind: "channel", code: "email", label_de: "E-Mail", label_en: "E-mail", hint_de: null, hint_en: null },
  { kind: "phase", code: "follow-up-purchase", label_de: "Nachkauf", label_en: "Follow-up purchase", hint_de: null, hint_en: null },
  { kind: "motive", code: "speed", label_de: "Geschwindigkeit", label_en: "Speed", hint_de: null, hint_en: null },
  { kind: "perspective", code: "market", label_de: "Markt & Wettbewerb", label_en: "Market", hint_de: null, hint_en: null },
  { kind: "rating", code: "golden", label_de: "Gold", label_en: "Golden", hint_de: null, hint_en: null },
];

describe("what a goal or measure is about", () => {
  it("offers each family's values as kind:code, and a goal's part leaves perspectives out", () => {
    const all = focusGroups(vocabulary, "de");
    expect(all.map((g) => g.kind)).toEqual(["channel", "phase", "purpose", "motive", "perspective"]);
    expect(all[0]!.options).toEqual([
      { value: "channel:phone", label: "Telefon" },
      { value: "channel:email", label: "E-Mail" },
    ]);
    const parts = focusGroups(vocabulary, "en", GOAL_PART_KINDS);
    expect(parts.map((g) => g.kind)).not.toContain("perspective");
    expect(parts[1]!.options[0]!.label).toBe("Follow-up purchase");
  });

  it("describes a focus by family and label, and none as the whole team", () => {
    expect(describeFocus("channel:phone", vocabulary, "de")).toEqual({ kind: "cycle.kind_channel", label: "Telefon" });
    expect(describeFocus("motive:speed", vocabulary, "en")).toEqual({ kind: "cycle.kind_motive", label: "Speed" });
    expect(describeFocus(null, vocabulary, "de")).toBeNull();
    // A rating is no focus.
    expect(describeFocus("rating:golden", vocabulary, "de")).toBeNull();
  });
});

describe("goals", () => {
  it("reads a target in percent, the German or English way", () => {
    expect(parseTargetPercent("60")).toBe(0.6);
    expect(parseTargetPercent(" 62,5 % ")).toBe(0.625);
    expect(parseTargetPercent("62.5")).toBe(0.625);
    expect(parseTargetPercent("0")).toBe(0);
    expect(parseTargetPercent("100")).toBe(1);
    expect(parseTargetPercent("101")).toBeNull();
    expect(parseTargetPercent("-5")).toBeNull();
    expect(parseTargetPercent("")).toBeNull();
    expect(parseTargetPercent("sechzig")).toBeNull();
  });

  it("builds a goal with or without a measurable part, and names what is missing", () => {
    expect(goalDraft({ ...emptyGoalForm("2026-11-02"), text: "  ", start: "2026-11-02", measurable: false, part: "", target: "" })).toEqual({
      problem: "cycle.goal_text_missing",
    });
    expect(goalDraft({ ...emptyGoalForm("2026-11-02"), text: "Begeistern", start: "2026-11-02", measurable: false, part: "x", target: "70" })).toEqual({
      draft: { text: "Begeistern", start_on: "2026-11-02", target: null },
    });
    expect(goalDraft({ ...emptyGoalForm("2026-11-02"), text: "Am Telefon", start: "2026-11-02", measurable: true, part: "channel:phone", target: "60" })).toEqual({
      draft: {
        text: "Am Telefon",
        start_on: "2026-11-02",
        target: { metric: "golden-share", part: "channel:phone", cause: null, value: 0.6 },
      },
    });
    expect(goalDraft({ ...emptyGoalForm("2026-11-02"), text: "Alle", start: "2026-11-02", measurable: true, part: "", target: "55" })).toMatchObject({
      draft: { target: { part: null, value: 0.55 } },
    });
    expect(goalDraft({ ...emptyGoalForm("2026-11-02"), text: "Alle", start: "2026-11-02", measurable: true, part: "", target: "" })).toEqual({
      problem: "cycle.target_invalid",
    });
    expect(goalDraft({ ...emptyGoalForm("2026-11-02"), text: "Alle", start: "", measurable: false, part: "", target: "" })).toEqual({
      problem: "cycle.date_missing",
    });
  });

  it("lists goals in force first, newest first, and ended ones apart", () => {
    const goal = (id: number, start: string, ended: string | null): Goal => ({
      id,
      text: `g${id}`,
      start_on: start,
      ended_on: ended,
      target: null,
    });
    const { active, ended } = splitGoals(
      [goal(1, "2026-10-01", null), goal(2, "2026-11-01", null), goal(3, "2026-09-01", "2026-11-20"), goal(4, "2026-09-01", "2026-12-24")],
      "2026-12-01",
    );
    // Goal 4 ends later: it is still in force today.
    expect(active.map((g) => g.id)).toEqual([2, 1, 4]);
    expect(ended.map((g) => g.id)).toEqual([3]);
  });
});

describe("measures", () => {
  it("builds a measure: the team when no owner, no day to look again before the start", () => {
    const form = { title: " Rückruf binnen einer Stunde ", why: "channel:phone", owner: "", start: "2026-11-09", reviewOn: "" };
    expect(measureDraft(form)).toEqual({
      draft: {
        title: "Rückruf binnen einer Stunde",
        why: "channel:phone",
        owner: null,
        start_on: "2026-11-09",
        review_on: null,
        status: null,
      },
    });
    expect(measureDraft({ ...form, owner: "Ana", why: "", reviewOn: "2026-12-07" })).toMatchObject({
      draft: { owner: "Ana", why: null, review_on: "2026-12-07" },
    });
    expect(measureDraft({ ...form, reviewOn: "2026-11-01" })).toEqual({ problem: "cycle.review_before_start" });
    expect(measureDraft({ ...form, title: "" })).toEqual({ problem: "cycle.measure_title_missing" });
  });

  it("lists open measures first, newest first", () => {
    const review = (id: number, start: string, status: MeasureReview["measure"]["status"]) =>
      ({ measure: { id, title: `m${id}`, why: null, owner: null, start_on: start, review_on: null, status, ended_on: null } }) as MeasureReview;
    const sorted = sortMeasures([
      review(1, "2026-10-01", "ended"),
      review(2, "2026-10-05", "running"),
      review(3, "2026-11-01", "kept"),
      review(4, "2026-11-02", "planned"),
      review(5, "2026-10-20", "changed"),
    ]);
    expect(sorted.map((m) => m.measure.id)).toEqual([4, 5, 2, 3, 1]);
  });
});

function side(total: number, golden: number, counted = true, suppressed = false): EffectSide {
  const share = total === 0 ? null : golden / total;
  return {
    from: "2026-10-05",
    to: "2026-11-01",
    counted_to: counted ? "2026-11-01" : null,
    complaints: null,
    total,
    golden,
    ordinary: total - golden,
    golden_share: share,
    ci_low: share === null ? null : Math.max(0, share - 0.1),
    ci_high: share === null ? null : Math.min(1, share + 0.1),
    suppressed,
  } as EffectSide;
}

function effect(verdict: Effect["verdict"], before: EffectSide, after: EffectSide, difference: number | null, p: number | null): Effect {
  return {
    measure_id: 1,
    why: null,
    as_of: "2026-12-06",
    before,
    left_out_from: "2026-11-02",
    left_out_to: "2026-11-08",
    after,
    difference,
    p_value: p,
    verdict,
    complete: true,
    concurrent: [],
  };
}

describe("a measure's effect", () => {
  it("puts a real improvement in the review's words, with counts, shares and ranges", () => {
    const v = effectView(effect("real_improvement", side(40, 12), side(50, 30), 0.3, 0.004), "de");
    expect(v.verdict).toEqual({ key: "review.change_up", points: 30, symbol: "▲", diff: null });
    expect(v.before).toEqual({
      complaints: null,
      perWeek: null,
      total: 40,
      golden: 12,
      share: "30 %",
      interval: "20–40 %",
      suppressed: false,
      counted: true,
    });
    expect(v.after.share).toBe("60 %");
    expect(v.after.interval).toBe("50–70 %");
  });

  it("says 'normal variation' and 'too few' as the review does", () => {
    expect(effectView(effect("within_normal_variation", side(40, 20), side(40, 22), 0.05, 0.65), "en").verdict.key).toBe(
      "review.change_normal",
    );
    const few = effectView(effect("too_few_to_tell", side(3, 1), side(0, 0, false), null, null), "de");
    expect(few.verdict).toEqual({ key: "review.change_too_few", points: null, symbol: "≈", diff: null });
    // The after window has not begun: no share, no range.
    expect(few.after).toMatchObject({ share: null, interval: null, counted: false });
  });
});

describe("goals and measures about complaints", () => {
  const causes = [
    { code: "waiting-time", label_de: "Wartezeit", label_en: "Waiting time", retired: false },
  ];

  it("builds a complaints goal for a cause or for all, and refuses what is no number", () => {
    const form = { ...emptyGoalForm("2026-11-02"), text: "Weniger Warten", measurable: true };
    const complaints = { ...form, metric: "complaints-per-week" as const, cause: "waiting-time", target: "2,5" };
    expect(goalDraft(complaints)).toEqual({
      draft: {
        text: "Weniger Warten",
        start_on: "2026-11-02",
        target: { metric: "complaints-per-week", part: null, cause: "waiting-time", value: 2.5 },
      },
    });
    expect(goalDraft({ ...complaints, cause: "" })).toMatchObject({ draft: { target: { cause: null, value: 2.5 } } });
    expect(goalDraft({ ...complaints, target: "-1" })).toEqual({ problem: "cycle.complaints_target_invalid" });
    expect(goalDraft({ ...complaints, target: "drei" })).toEqual({ problem: "cycle.complaints_target_invalid" });
    // A part chosen for a golden share before switching does not go with complaints.
    expect(goalDraft({ ...complaints, part: "channel:phone" })).toMatchObject({ draft: { target: { part: null } } });
  });

  it("names a cause by the team's words, and its code when the list lacks it", () => {
    expect(describeFocus("cause:waiting-time", [], "de", causes)).toEqual({ kind: "cycle.kind_cause", label: "Wartezeit" });
    expect(describeFocus("cause:unknown", [], "en", causes)).toEqual({ kind: "cycle.kind_cause", label: "unknown" });
    const target = { metric: "complaints-per-week" as const, part: null, cause: "waiting-time", value: 3 };
    expect(goalTargetText(target, [], "de", causes)).toBe("Zielwert höchstens 3 Beschwerden pro Woche · Ursache (Beschwerden): Wartezeit");
    expect(goalTargetText({ ...target, cause: null, value: 2.5 }, [], "en", causes)).toBe(
      "Target at most 2.5 complaints a week · All complaints",
    );
  });

  it("puts fewer complaints per week into words, with counts and the rate of each window", () => {
    const window = (from: string, to: string, complaints: number) =>
      ({ ...side(0, 0), from, to, counted_to: to, complaints, golden_share: null, ci_low: null, ci_high: null }) as EffectSide;
    const e = effect(
      "real_improvement",
      window("2026-10-05", "2026-11-01", 12),
      window("2026-11-09", "2026-12-06", 3),
      -2.25,
      0.035,
    );
    const v = effectView(e, "de");
    expect(v.verdict).toEqual({ key: "cycle.complaints_fewer", points: null, diff: "-2,3", symbol: "▼" });
    expect(v.before).toMatchObject({ complaints: 12, perWeek: "3", share: null });
    expect(v.after).toMatchObject({ complaints: 3, perWeek: "0,8" });
  });
});

describe("the meeting's draft", () => {
  it("keeps only the decisions made, the conclusions trimmed, each story once", () => {
    const draft = meetingDraft({
      heldOn: "2026-11-30",
      from: "2026-11-23",
      to: "2026-11-29",
      conclusions: { ...emptyConclusions(), goal: " Mehr Gold am Telefon ", conclusion: "Beibehalten.\n" },
      decisions: { 7: "kept", 3: "ended", 9: undefined },
      newMeasures: [],
      stories: ["a", "b", "a"],
    });
    expect(draft).toEqual({
      held_on: "2026-11-30",
      from: "2026-11-23",
      to: "2026-11-29",
      conclusions: { goal: "Mehr Gold am Telefon", procedure: "", result: "", conclusion: "Beibehalten." },
      decisions: [
        { measure_id: 3, status: "ended" },
        { measure_id: 7, status: "kept" },
      ],
      new_measures: [],
      stories: ["a", "b"],
    });
    expect(decisionsOf({})).toEqual([]);
  });

  it("writes days the German or English way", () => {
    expect(formatDay("de", "2026-11-24")).toBe("24.11.2026");
    expect(formatDay("en", "2026-11-24")).toBe("2026-11-24");
  });
});
