// The dashboard's periods and filters as the form holds them, how a change is put into
// words, where a chart's clickable areas sit, and the meeting's agenda.

import type {
  Change,
  ChartId,
  Channel,
  Comparison,
  Motive,
  Obstacle,
  Perspective,
  Phase,
  Purpose,
  Rating,
  Region,
  ReviewFilter,
  ReviewQuery,
  WeekStart,
} from "./bindings";
import type { MessageKey } from "./i18n";

export type PeriodPreset = "this_week" | "last_week" | "last_4_weeks" | "quarter" | "custom";

export const PERIOD_PRESETS: { id: PeriodPreset; label: MessageKey }[] = [
  { id: "this_week", label: "review.this_week" },
  { id: "last_week", label: "review.last_week" },
  { id: "last_4_weeks", label: "review.last_4_weeks" },
  { id: "quarter", label: "review.quarter" },
  { id: "custom", label: "review.custom" },
];

/** A calendar date as `YYYY-MM-DD`, from its parts in local time. */
export function isoDate(d: Date): string {
  const y = d.getFullYear();
  const m = String(d.getMonth() + 1).padStart(2, "0");
  const day = String(d.getDate()).padStart(2, "0");
  return `${y}-${m}-${day}`;
}

function addDays(d: Date, days: number): Date {
  const out = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  out.setDate(out.getDate() + days);
  return out;
}

/** The first day of the week holding `day`, by the team's week start. */
export function startOfWeek(day: Date, start: WeekStart): Date {
  // getDay(): 0 = Sunday … 6 = Saturday.
  const first = start === "sunday" ? 0 : start === "saturday" ? 6 : 1;
  const back = (day.getDay() - first + 7) % 7;
  return addDays(day, -back);
}

/**
 * The dates a preset covers on `today`. Whole weeks (the current one up to its last day,
 * empty days show as gaps) so the comparison with the period before is like with like.
 */
export function presetRange(
  preset: Exclude<PeriodPreset, "custom">,
  today: Date,
  weekStart: WeekStart,
): { from: string; to: string } {
  const week = startOfWeek(today, weekStart);
  switch (preset) {
    case "this_week":
      return { from: isoDate(week), to: isoDate(addDays(week, 6)) };
    case "last_week":
      return { from: isoDate(addDays(week, -7)), to: isoDate(addDays(week, -1)) };
    case "last_4_weeks":
      return { from: isoDate(addDays(week, -21)), to: isoDate(addDays(week, 6)) };
    case "quarter": {
      const q = Math.floor(today.getMonth() / 3);
      const from = new Date(today.getFullYear(), q * 3, 1);
      const to = new Date(today.getFullYear(), q * 3 + 3, 0);
      return { from: isoDate(from), to: isoDate(to) };
    }
  }
}

export interface ReviewFilters {
  rating: Rating | "";
  channel: Channel | "";
  phase: Phase | "";
  purpose: Purpose | "";
  /** `motive:speed`, `perspective:market` or `obstacle:mood`, or "" for any. */
  tag: string;
  /** A place's name, or "" for any. */
  place: string;
}

export function emptyReviewFilters(): ReviewFilters {
  return { rating: "", channel: "", phase: "", purpose: "", tag: "", place: "" };
}

export function toReviewFilter(f: ReviewFilters): ReviewFilter {
  const [kind, code] = f.tag.split(":");
  return {
    rating: f.rating || null,
    channel: f.channel || null,
    phase: f.phase || null,
    purpose: f.purpose || null,
    motive: kind === "motive" ? (code as Motive) : null,
    perspective: kind === "perspective" ? (code as Perspective) : null,
    place: f.place || null,
    obstacle: kind === "obstacle" ? (code as Obstacle) : null,
  };
}

/** The backend query; `member` set means "my figures". */
export function toReviewQuery(
  range: { from: string; to: string },
  f: ReviewFilters,
  member: string | null,
): ReviewQuery {
  return { from: range.from, to: range.to, filter: toReviewFilter(f), member };
}

/** Whether a custom range can be asked for: both dates, in order. */
export function validRange(range: { from: string; to: string }): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(range.from) && /^\d{4}-\d{2}-\d{2}$/.test(range.to) && range.from <= range.to;
}

const CHANGE_KEYS: Record<Change, MessageKey> = {
  up: "review.change_up",
  down: "review.change_down",
  within_normal_variation: "review.change_normal",
  too_few_to_tell: "review.change_too_few",
};

/** The words for a comparison: what happened and whether it is a real change. */
export function changeText(c: Comparison): { key: MessageKey; points: number | null; symbol: string } {
  const points = c.difference === null ? null : Math.round(c.difference * 100);
  const symbol = c.change === "up" ? "▲" : c.change === "down" ? "▼" : "≈";
  return { key: CHANGE_KEYS[c.change], points, symbol };
}

/** Percentage-point difference with its sign, `+6` / `−3` / `±0`. */
export function signedPoints(points: number): string {
  if (points > 0) return `+${points}`;
  if (points < 0) return `−${Math.abs(points)}`;
  return "±0";
}

/** A p-value for people: "p = 0,03", or "p < 0,001" rather than a misleading 0,00. */
export function formatP(lang: "de" | "en", p: number | null): string {
  if (p === null) return "";
  const format = (v: number, digits: number) =>
    new Intl.NumberFormat(lang === "de" ? "de-DE" : "en-GB", {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(v);
  if (p < 0.001) return `p < ${format(0.001, 3)}`;
  if (p < 0.01) return `p = ${format(p, 3)}`;
  return `p = ${format(p, 2)}`;
}

/** Where a region sits over its chart, in percent of the chart's size (it scales with it). */
export function regionStyle(r: Region, width: number, height: number): string {
  const pct = (v: number, of: number) => `${((v / of) * 100).toFixed(3)}%`;
  return `left:${pct(r.x, width)};top:${pct(r.y, height)};width:${pct(r.width, width)};height:${pct(r.height, height)}`;
}

/**
 * The region a key moves the focus to (roving focus), or null: Home and End go to the
 * first and last; the arrows go to the nearest region in that direction, so Up and Down
 * cross a heat map's rows and Left and Right its hours, as the eye would.
 */
export function nextRegion(key: string, current: number, regions: Region[]): number | null {
  const n = regions.length;
  if (n === 0) return null;
  if (key === "Home") return 0;
  if (key === "End") return n - 1;
  const dir = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] }[key];
  if (!dir) return null;
  const here = regions[current];
  if (!here) return 0;
  const centre = (r: Region) => [r.x + r.width / 2, r.y + r.height / 2] as const;
  const [cx, cy] = centre(here);
  let best: number | null = null;
  let bestScore = Infinity;
  regions.forEach((r, i) => {
    if (i === current) return;
    const [x, y] = centre(r);
    const along = (x - cx) * dir[0]! + (y - cy) * dir[1]!;
    if (along <= 0.5) return;
    const across = Math.abs((x - cx) * dir[1]!) + Math.abs((y - cy) * dir[0]!);
    // Straight ahead first: sideways distance weighs more than distance ahead.
    const score = along + 3 * across;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best ?? current;
}

export type AgendaStep =
  | "measures"
  | "overview"
  | "trend"
  | "tags"
  | "when_where"
  | "stories"
  | "conclusions"
  // Suggestions and complaints (issue 14).
  | "feedback";

/** The meeting's agenda, in order. */
export const AGENDA: { id: AgendaStep; label: MessageKey }[] = [
  // Every meeting starts where the last one ended.
  { id: "measures", label: "meeting.measures" },
  { id: "overview", label: "meeting.overview" },
  { id: "trend", label: "meeting.trend" },
  { id: "tags", label: "meeting.tags" },
  { id: "when_where", label: "meeting.when_where" },
  { id: "stories", label: "meeting.stories" },
  // Suggestions and complaints (issue 14): before the conclusions, which may draw on it.
  { id: "feedback", label: "feedback.meeting.heading" },
  { id: "conclusions", label: "meeting.conclusions" },
];

/** The agenda step a key leads to from `step`, `"leave"` for Escape, or null. */
export function meetingKey(key: string, step: number, steps: number): number | "leave" | null {
  switch (key) {
    case "ArrowRight":
    case "PageDown":
    case " ":
      return Math.min(step + 1, steps - 1);
    case "ArrowLeft":
    case "PageUp":
      return Math.max(step - 1, 0);
    case "Home":
      return 0;
    case "End":
      return steps - 1;
    case "Escape":
      return "leave";
    default:
      return null;
  }
}

/** The dashboard's heading for each chart. */
export const CHART_TITLES: Record<ChartId, MessageKey> = {
  trend: "review.chart_trend",
  weekly_bars: "review.chart_weekly_bars",
  week_jars: "review.chart_week_jars",
  tags: "review.chart_tags",
  heat: "review.chart_heat",
  by_channel: "review.chart_by_channel",
  by_phase: "review.chart_by_phase",
  by_purpose: "review.chart_by_purpose",
};
