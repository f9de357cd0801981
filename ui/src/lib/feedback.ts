// Suggestions and complaints in the window (DOMAIN.md §5): what the list, the item's
// steps, the capture form and the review of feedback decide without the Rust side.
// The rules that store (closing needs an outcome, going back a reason) stay in the core;
// these only choose what to offer, so a refusal still comes from there.

import type {
  AgeBucket,
  CauseEntry,
  FeedbackDraft,
  FeedbackKind,
  FeedbackRow,
  FeedbackState,
  ListQuery,
  StatsQuery,
} from "./bindings";
import type { Language, MessageKey } from "./i18n";

/** The states in their order. */
export const STATES: FeedbackState[] = ["received", "in-progress", "informed", "closed"];

/** The longest "how we answer" note the core keeps. */
export const ANSWER_NOTE_MAX = 200;

export const STATE_LABEL: Record<FeedbackState, MessageKey> = {
  received: "feedback.state.received",
  "in-progress": "feedback.state.in-progress",
  informed: "feedback.state.informed",
  closed: "feedback.state.closed",
};

export const KIND_LABEL: Record<FeedbackKind, MessageKey> = {
  complaint: "feedback.kind.complaint",
  suggestion: "feedback.kind.suggestion",
};

export const AGE_LABEL: Record<AgeBucket, MessageKey> = {
  "0-2": "feedback.age.0-2",
  "3-5": "feedback.age.3-5",
  "6-10": "feedback.age.6-10",
  "over-10": "feedback.age.over-10",
};

/** The next state forward, or `null` for a closed item. */
export function nextState(state: FeedbackState): FeedbackState | null {
  const i = STATES.indexOf(state);
  return i >= 0 && i < STATES.length - 1 ? (STATES[i + 1] ?? null) : null;
}

/** The state one step back, or `null` for a new item. */
export function previousState(state: FeedbackState): FeedbackState | null {
  const i = STATES.indexOf(state);
  return i > 0 ? (STATES[i - 1] ?? null) : null;
}

/** What the note of a step from `from` to `to` is: an outcome, a reason or a remark. */
export function noteRole(from: FeedbackState, to: FeedbackState): "outcome" | "reason" | "remark" {
  if (STATES.indexOf(to) < STATES.indexOf(from)) return "reason";
  return to === "closed" ? "outcome" : "remark";
}

/** The forward steps to offer: the next state, and closing at once when the customer
 * wants no answer (the core refuses to close before "informed" otherwise). */
export function forwardSteps(state: FeedbackState, replyWanted: boolean): FeedbackState[] {
  const next = nextState(state);
  if (next === null) return [];
  const steps = [next];
  const beforeInformed = STATES.indexOf(state) < STATES.indexOf("informed");
  if (next !== "closed" && !(replyWanted && beforeInformed)) steps.push("closed");
  return steps;
}

/** The words of a cause code (or of "no cause"). */
export function causeLabel(causes: CauseEntry[], code: string | null, lang: Language, none: string): string {
  if (code === null) return none;
  const found = causes.find((c) => c.code === code);
  if (!found) return code;
  return lang === "de" ? found.label_de : found.label_en;
}

/** The causes a new item may take: not retired. */
export function activeCauses(causes: CauseEntry[]): CauseEntry[] {
  return causes.filter((c) => !c.retired);
}

/** The list's filter from the window's choice. */
export type ListFilter = "open" | "overdue" | "all" | FeedbackState;

export function listQuery(filter: ListFilter): ListQuery {
  const q: ListQuery = { state: null, open: false, overdue: false, kind: null, cause: null };
  if (filter === "open") q.open = true;
  else if (filter === "overdue") q.overdue = true;
  else if (filter !== "all") q.state = filter;
  return q;
}

/** Why a row stands out, in words (never colour alone): the answer or the close late. */
export function overdueReason(row: FeedbackRow): MessageKey | null {
  if (row.answer_overdue) return "feedback.overdue_answer";
  if (row.close_overdue) return "feedback.overdue_close";
  return null;
}

/** The badge on the navigation entry: nothing for none, "99+" beyond. */
export function badgeText(overdue: number): string | null {
  if (overdue <= 0) return null;
  return overdue > 99 ? "99+" : String(overdue);
}

/** The capture form's fields, as the person fills them in. */
export interface FeedbackForm {
  kind: FeedbackKind;
  summary: string;
  cause: string;
  urgent: boolean;
  replyWanted: boolean;
  answerNote: string;
  settledNow: boolean;
  outcome: string;
  contact: string | null;
}

export function emptyForm(kind: FeedbackKind = "complaint", contact: string | null = null): FeedbackForm {
  return {
    kind,
    summary: "",
    cause: "",
    urgent: false,
    replyWanted: false,
    answerNote: "",
    settledNow: false,
    outcome: "",
    contact,
  };
}

/** The draft the core checks. Never names who took it. */
export function toFeedbackDraft(form: FeedbackForm): FeedbackDraft {
  const note = form.answerNote.trim();
  return {
    kind: form.kind,
    summary: form.summary,
    cause: form.cause === "" ? null : form.cause,
    urgent: form.urgent,
    reply_wanted: form.replyWanted,
    contact: form.contact,
    recorded_by: null,
    answer_note: note === "" ? null : note,
    share_summary: false,
    received_at: null,
    // An empty outcome is still sent: the core says that settling needs one.
    settled: form.settledNow ? form.outcome : null,
  };
}

/** Characters left for the "how we answer" note (may go below zero: the core refuses). */
export function answerNoteLeft(note: string): number {
  return ANSWER_NOTE_MAX - [...note].length;
}

function iso(d: Date): string {
  const y = d.getFullYear();
  const m = String(d.getMonth() + 1).padStart(2, "0");
  const day = String(d.getDate()).padStart(2, "0");
  return `${y}-${m}-${day}`;
}

export type FeedbackPeriod = "this_week" | "last_4_weeks" | "this_quarter" | "this_year";

/** The period's days, Monday-based weeks, ending with the week or quarter of `today`. */
export function statsQuery(period: FeedbackPeriod, today: Date, cause: string | null = null): StatsQuery {
  const d = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const monday = new Date(d);
  monday.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  const sunday = new Date(monday);
  sunday.setDate(monday.getDate() + 6);
  let from: Date;
  let to: Date = sunday;
  switch (period) {
    case "this_week":
      from = monday;
      break;
    case "last_4_weeks":
      from = new Date(monday);
      from.setDate(monday.getDate() - 21);
      break;
    case "this_quarter": {
      const q = Math.floor(d.getMonth() / 3) * 3;
      from = new Date(d.getFullYear(), q, 1);
      to = new Date(d.getFullYear(), q + 3, 0);
      break;
    }
    case "this_year":
      from = new Date(d.getFullYear(), 0, 1);
      to = new Date(d.getFullYear(), 11, 31);
      break;
  }
  return { from: iso(from), to: iso(to), cause };
}

/** Working days as people write them: "1,5" in German. */
export function daysText(days: number | null, lang: Language): string {
  if (days === null) return "–";
  const text = Number.isInteger(days) ? String(days) : days.toFixed(1);
  return lang === "de" ? text.replace(".", ",") : text;
}

/** A day (`2026-11-23`) the German or English way. */
export function dayText(day: string, lang: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return lang === "de" ? `${m[3]}.${m[2]}.${m[1]}` : day;
}
