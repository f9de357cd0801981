// The evaluation cycle in the window (DOMAIN.md §6): goals and measures as their forms hold
// them, what a goal or measure is about, a measure's effect put into the review's words,
// and the draft a meeting saves.

import type {
  CauseEntry,
  Change,
  Conclusions,
  Decision,
  Effect,
  EffectSide,
  Goal,
  GoalDraft,
  GoalTarget,
  MeasureDraft,
  MeasureReview,
  MeasureStatus,
  MeetingDraft,
  VocabularyEntry,
} from "./bindings";
import { decimal, percent, translate, type Language, type MessageKey } from "./i18n";
import { changeText } from "./review";

/** The tag families a goal or measure can be about, in the order the pickers show them. */
export const FOCUS_KINDS = ["channel", "phase", "purpose", "motive", "perspective"] as const;
export type FocusKind = (typeof FOCUS_KINDS)[number];

export const FOCUS_KIND_LABELS: Record<FocusKind, MessageKey> = {
  channel: "cycle.kind_channel",
  phase: "cycle.kind_phase",
  purpose: "cycle.kind_purpose",
  motive: "cycle.kind_motive",
  perspective: "cycle.kind_perspective",
};

/** A goal's measurable part: golden share overall or for a channel, phase, purpose or motive. */
export const GOAL_PART_KINDS: FocusKind[] = ["channel", "phase", "purpose", "motive"];

export interface FocusGroup {
  kind: FocusKind;
  options: { value: string; label: string }[];
}

/** The pickers' groups: each family's values as `kind:code`, labelled in `lang`. */
export function focusGroups(
  vocabulary: VocabularyEntry[],
  lang: Language,
  kinds: readonly FocusKind[] = FOCUS_KINDS,
): FocusGroup[] {
  return kinds.map((kind) => ({
    kind,
    options: vocabulary
      .filter((e) => e.kind === kind)
      .map((e) => ({ value: `${kind}:${e.code}`, label: lang === "de" ? e.label_de : e.label_en })),
  }));
}

/** A cause's name in `lang`, or its code when the list does not have it (yet). */
export function causeLabel(code: string, causes: CauseEntry[], lang: Language): string {
  const cause = causes.find((c) => c.code === code);
  return cause ? (lang === "de" ? cause.label_de : cause.label_en) : code;
}

/**
 * What a goal or measure is about, for lists: the family's key and the value's label
 * ("Kanal" + "Telefon", "Ursache" + "Wartezeit"), or null for all of the team's contacts.
 */
export function describeFocus(
  focus: string | null,
  vocabulary: VocabularyEntry[],
  lang: Language,
  causes: CauseEntry[] = [],
): { kind: MessageKey; label: string } | null {
  if (!focus) return null;
  const [kind, code] = focus.split(":");
  if (kind === "cause" && code) return { kind: "cycle.kind_cause", label: causeLabel(code, causes, lang) };
  if (!FOCUS_KINDS.includes(kind as FocusKind) || !code) return null;
  const entry = vocabulary.find((e) => e.kind === kind && e.code === code);
  const label = entry ? (lang === "de" ? entry.label_de : entry.label_en) : code;
  return { kind: FOCUS_KIND_LABELS[kind as FocusKind], label };
}

/** A goal's target in words: "Zielwert 60 % Gold · Kanal: Telefon", "höchstens 3 Beschwerden pro Woche · Ursache: Wartezeit". */
export function goalTargetText(
  target: GoalTarget,
  vocabulary: VocabularyEntry[],
  lang: Language,
  causes: CauseEntry[] = [],
): string {
  if (target.metric === "complaints-per-week") {
    const value = decimal(lang, target.value);
    const about = target.cause
      ? translate(lang, "cycle.focus_is", {
          kind: translate(lang, "cycle.kind_cause"),
          label: causeLabel(target.cause, causes, lang),
        })
      : translate(lang, "cycle.all_complaints");
    return `${translate(lang, "cycle.goal_complaints_value", { value })} · ${about}`;
  }
  const f = describeFocus(target.part, vocabulary, lang);
  const about = f ? translate(lang, "cycle.focus_is", { kind: translate(lang, f.kind), label: f.label }) : translate(lang, "cycle.part_all");
  return `${translate(lang, "cycle.goal_target_value", { share: percent(lang, target.value) })} · ${about}`;
}

/**
 * Complaints per week as typed ("3", "2,5"), 0 or more; null when it is no such number.
 */
export function parseComplaintsPerWeek(text: string): number | null {
  const cleaned = text.trim().replace(",", ".");
  if (!/^\d{1,4}(\.\d+)?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/**
 * A target as typed, in percent ("60", "62,5", "60 %"), as a share from 0 to 1; null when
 * it is no number from 0 to 100.
 */
export function parseTargetPercent(text: string): number | null {
  const cleaned = text.replace(/%/g, "").trim().replace(",", ".");
  if (!/^\d{1,3}(\.\d+)?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  if (!Number.isFinite(value) || value < 0 || value > 100) return null;
  return Math.round(value * 10) / 1000;
}

export interface GoalForm {
  text: string;
  start: string;
  /** Whether the goal has a measurable part (a value aimed for). */
  measurable: boolean;
  /** What the value measures: the golden share, or complaints per week. */
  metric: "golden-share" | "complaints-per-week";
  /** Golden share: `""` for all contacts, or `kind:code`. */
  part: string;
  /** Complaints: `""` for all complaints, or a cause's code. */
  cause: string;
  target: string;
}

export function emptyGoalForm(today: string): GoalForm {
  return { text: "", start: today, measurable: false, metric: "golden-share", part: "", cause: "", target: "" };
}

/** The draft to save, or the key of what is missing. */
export function goalDraft(form: GoalForm): { draft: GoalDraft } | { problem: MessageKey } {
  if (form.text.trim() === "") return { problem: "cycle.goal_text_missing" };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.start)) return { problem: "cycle.date_missing" };
  if (!form.measurable) {
    return { draft: { text: form.text.trim(), start_on: form.start, target: null } };
  }
  if (form.metric === "complaints-per-week") {
    const value = parseComplaintsPerWeek(form.target);
    if (value === null) return { problem: "cycle.complaints_target_invalid" };
    return {
      draft: {
        text: form.text.trim(),
        start_on: form.start,
        target: { metric: "complaints-per-week", part: null, cause: form.cause || null, value },
      },
    };
  }
  const value = parseTargetPercent(form.target);
  if (value === null) return { problem: "cycle.target_invalid" };
  return {
    draft: {
      text: form.text.trim(),
      start_on: form.start,
      target: { metric: "golden-share", part: form.part || null, cause: null, value },
    },
  };
}

export interface MeasureForm {
  title: string;
  /** `""` for all contacts, or `kind:code`. */
  why: string;
  /** `""` for the team, or a member's name. */
  owner: string;
  start: string;
  reviewOn: string;
}

export function emptyMeasureForm(today: string): MeasureForm {
  return { title: "", why: "", owner: "", start: today, reviewOn: "" };
}

/** The draft to save, or the key of what is missing. */
export function measureDraft(form: MeasureForm): { draft: MeasureDraft } | { problem: MessageKey } {
  if (form.title.trim() === "") return { problem: "cycle.measure_title_missing" };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.start)) return { problem: "cycle.date_missing" };
  const reviewOn = form.reviewOn.trim() === "" ? null : form.reviewOn;
  if (reviewOn !== null && reviewOn < form.start) return { problem: "cycle.review_before_start" };
  return {
    draft: {
      title: form.title.trim(),
      why: form.why || null,
      owner: form.owner.trim() || null,
      start_on: form.start,
      review_on: reviewOn,
      status: null,
    },
  };
}

/** Goals in force on `today` first (newest first), then the ended ones. */
export function splitGoals(goals: Goal[], today: string): { active: Goal[]; ended: Goal[] } {
  const newest = (a: Goal, b: Goal) => b.start_on.localeCompare(a.start_on) || b.id - a.id;
  const ended = (g: Goal) => g.ended_on !== null && g.ended_on <= today;
  return {
    active: goals.filter((g) => !ended(g)).sort(newest),
    ended: goals.filter(ended).sort(newest),
  };
}

export const MEASURE_STATUSES: MeasureStatus[] = ["planned", "running", "kept", "changed", "ended"];

export const STATUS_LABELS: Record<MeasureStatus, MessageKey> = {
  planned: "cycle.status_planned",
  running: "cycle.status_running",
  kept: "cycle.status_kept",
  changed: "cycle.status_changed",
  ended: "cycle.status_ended",
};

/** What the meeting decides about a measure since the last one. */
export const DECISIONS: { status: MeasureStatus; label: MessageKey }[] = [
  { status: "kept", label: "cycle.decide_keep" },
  { status: "changed", label: "cycle.decide_change" },
  { status: "ended", label: "cycle.decide_end" },
];

/** Measures still open (planned, running, changed) first, each group by start, newest first. */
export function sortMeasures(measures: MeasureReview[]): MeasureReview[] {
  const open = (m: MeasureReview) => m.measure.status !== "ended" && m.measure.status !== "kept";
  return [...measures].sort(
    (a, b) =>
      Number(open(b)) - Number(open(a)) ||
      b.measure.start_on.localeCompare(a.measure.start_on) ||
      b.measure.id - a.measure.id,
  );
}

const VERDICT_CHANGE: Record<Effect["verdict"], Change> = {
  real_improvement: "up",
  real_decline: "down",
  within_normal_variation: "within_normal_variation",
  too_few_to_tell: "too_few_to_tell",
};

export interface SideView {
  /** For a measure about a cause: the complaints counted, and per week. */
  complaints: number | null;
  perWeek: string | null;
  total: number;
  golden: number;
  /** "58 %", or null without contacts (or fewer than three people). */
  share: string | null;
  /** "45–70 %", the 95 % Wilson interval. */
  interval: string | null;
  suppressed: boolean;
  /** Whether the window has begun by the day the effect was counted. */
  counted: boolean;
}

/** Days from `from` to `to`, both counted. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

function side(f: EffectSide, lang: Language): SideView {
  const days = f.counted_to === null ? 0 : daysBetween(f.from, f.counted_to);
  const perWeek =
    f.complaints === null || days <= 0
      ? null
      : decimal(lang, (f.complaints * 7) / days);
  return {
    complaints: f.complaints,
    perWeek,
    total: f.total,
    golden: f.golden,
    share: f.golden_share === null ? null : `${percent(lang, f.golden_share)} %`,
    interval:
      f.ci_low === null || f.ci_high === null
        ? null
        : `${percent(lang, f.ci_low)}–${percent(lang, f.ci_high)} %`,
    suppressed: f.suppressed,
    counted: f.counted_to !== null,
  };
}

const COMPLAINT_VERDICTS: Record<Effect["verdict"], MessageKey> = {
  real_improvement: "cycle.complaints_fewer",
  real_decline: "cycle.complaints_more",
  within_normal_variation: "cycle.complaints_normal",
  too_few_to_tell: "cycle.complaints_too_few",
};

/** A measure's effect as the window shows it, the verdict in the review's words. */
export function effectView(effect: Effect, lang: Language) {
  if (effect.before.complaints !== null) {
    const diff =
      effect.difference === null
        ? null
        : decimal(lang, effect.difference, true);
    return {
      before: side(effect.before, lang),
      after: side(effect.after, lang),
      verdict: {
        key: COMPLAINT_VERDICTS[effect.verdict],
        points: null,
        diff,
        symbol: effect.verdict === "real_improvement" ? "▼" : effect.verdict === "real_decline" ? "▲" : "≈",
      },
      complete: effect.complete,
    };
  }
  const words = changeText({
    current: effect.after,
    previous: effect.before,
    difference: effect.difference,
    p_value: effect.p_value,
    change: VERDICT_CHANGE[effect.verdict],
  });
  return {
    before: side(effect.before, lang),
    after: side(effect.after, lang),
    verdict: { ...words, diff: null },
    complete: effect.complete,
  };
}

/** Decisions made in the meeting, by measure id: what is sent when it is saved. */
export function decisionsOf(chosen: Record<number, MeasureStatus | undefined>): Decision[] {
  return Object.entries(chosen)
    .filter((entry): entry is [string, MeasureStatus] => entry[1] !== undefined)
    .map(([id, status]) => ({ measure_id: Number(id), status }))
    .sort((a, b) => a.measure_id - b.measure_id);
}

export function emptyConclusions(): Conclusions {
  return { goal: "", procedure: "", result: "", conclusion: "" };
}

/** The four steps of evaluating procedures, in order (DOMAIN.md §6). */
export const CONCLUSION_STEPS: { id: keyof Conclusions; label: MessageKey; hint: MessageKey }[] = [
  { id: "goal", label: "cycle.step_goal", hint: "cycle.step_goal_hint" },
  { id: "procedure", label: "cycle.step_procedure", hint: "cycle.step_procedure_hint" },
  { id: "result", label: "cycle.step_result", hint: "cycle.step_result_hint" },
  { id: "conclusion", label: "cycle.step_conclusion", hint: "cycle.step_conclusion_hint" },
];

/** What the meeting saves. */
export function meetingDraft(input: {
  heldOn: string;
  from: string;
  to: string;
  conclusions: Conclusions;
  decisions: Record<number, MeasureStatus | undefined>;
  newMeasures: MeasureDraft[];
  stories: string[];
}): MeetingDraft {
  const trimmed: Conclusions = {
    goal: input.conclusions.goal.trim(),
    procedure: input.conclusions.procedure.trim(),
    result: input.conclusions.result.trim(),
    conclusion: input.conclusions.conclusion.trim(),
  };
  return {
    held_on: input.heldOn,
    from: input.from,
    to: input.to,
    conclusions: trimmed,
    decisions: decisionsOf(input.decisions),
    new_measures: input.newMeasures,
    stories: [...new Set(input.stories)],
  };
}

/** A date the German or English way: `24.11.2026` / `2026-11-24`. */
export function formatDay(lang: Language, iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return lang === "de" ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}
