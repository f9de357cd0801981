// Generated from the Rust types by src-tauri/tests/bindings.rs; do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p murmelglas-app --test bindings

/**
 * How the contact felt: the colour of the marble.
 */
export type Rating = "golden" | "ordinary";

/**
 * Where the contact happened.
 */
export type Channel = "in-person" | "phone" | "email" | "social" | "chat" | "video" | "letter";

/**
 * The six customer motives.
 */
export type Motive = "individuality" | "simplicity" | "speed" | "recognition" | "reliability" | "added-value";

/**
 * The six perspectives on quality in customer contact.
 */
export type Perspective = "quality-understanding" | "brand-promise" | "needs-motives" | "expectations" | "megatrends" | "market";

/**
 * Where the customer stands in the relationship.
 */
export type Phase = "first-contact" | "first-purchase" | "follow-up-purchase" | "repeat-purchase";

/**
 * What the contact was for: the tasks of customer communication.
 */
export type Purpose = "acquisition" | "care" | "information" | "advice" | "support" | "feedback";

/**
 * What got in the way of an 08/15 contact on the team's side. The source names what
 * spoils contacts as home-made: lack of time, moods, missing knowledge and too much
 * pressure — things a team can change. Named on 08/15 contacts only.
 */
export type Obstacle = "lack-of-time" | "mood" | "missing-knowledge" | "pressure";

/**
 * The two languages the product speaks; German first.
 */
export type Lang = "de" | "en";

/**
 * The first day of a week in the app's "this week" views.
 */
export type WeekStart = "monday" | "sunday" | "saturday";

/**
 * One customer contact: one marble in the jar.
 */
export type Contact = { id: string, 
/**
 * When the contact happened, with the local UTC offset at that moment.
 */
occurred_at: string, 
/**
 * When it was written down.
 */
logged_at: string, 
/**
 * Display name of the member who logged it; `None` is anonymous logging.
 */
member: string | null, rating: Rating, channel: Channel | null, phase: Phase | null, purpose: Purpose | null, motives: Array<Motive>, perspectives: Array<Perspective>, 
/**
 * What got in our way, on an 08/15 contact (always empty on a golden one).
 */
obstacles: Array<Obstacle>, 
/**
 * The story, up to [`NOTE_MAX_CHARS`] characters.
 */
note: string | null, 
/**
 * Whether the story may be discussed in the team review.
 */
share_in_review: boolean, 
/**
 * "Would you recommend us to a good friend?" 0–10, when the customer was asked.
 */
nps: number | null, 
/**
 * Where it was logged (the computer's place, "Filiale Markt"), when the team names
 * its places.
 */
place: string | null, };

/**
 * What a person enters when logging: everything but the rating is optional. The CLI and
 * the app both turn a draft into a [`Contact`] with [`ContactDraft::into_contact`].
 */
export type ContactDraft = { rating: Rating, 
/**
 * When it happened; `None` is now.
 */
occurred_at: string | null, member: string | null, channel: Channel | null, phase: Phase | null, purpose: Purpose | null, motives: Array<Motive>, perspectives: Array<Perspective>, 
/**
 * What got in our way; kept on an 08/15 contact only.
 */
obstacles: Array<Obstacle>, note: string | null, share_in_review: boolean, nps: number | null, 
/**
 * This computer's place, if it has one.
 */
place: string | null, };

/**
 * A person in the team. Deactivated members keep their history but leave the pickers.
 */
export type Member = { id: number, name: string, active: boolean, };

/**
 * The team's settings, one set per database file. (The single target golden share of
 * earlier versions is the team's first goal now: see [`crate::cycle::Goal`].)
 */
export type Settings = { team_name: string, language: Lang, week_start: WeekStart, 
/**
 * The channel the log screen starts with on a computer that has not picked one.
 */
default_channel: Channel | null, 
/**
 * The team's jar stays covered on the log screen until the review meeting, so
 * nobody adjusts their own ratings to the group's; one's own jar stays visible.
 */
hide_team_jar: boolean, 
/**
 * Contacts store no member at all: "my figures" become this computer's figures.
 */
anonymous_only: boolean, 
/**
 * Stories older than this many months are deleted (off when `None`).
 */
story_retention_months: number | null, };

/**
 * Counts and golden share of a set of contacts. Share and interval are `None` (JSON
 * `null`) when there are no contacts.
 */
export type Figures = { total: number, golden: number, ordinary: number, golden_share: number | null, ci_low: number | null, ci_high: number | null, };

/**
 * What an import did.
 */
export type ImportSummary = { 
/**
 * Contacts read from the file.
 */
read: number, 
/**
 * Contacts written to the database.
 */
added: number, 
/**
 * Contacts whose id the database already held; left as they were.
 */
already_present: number, 
/**
 * Team members created because the file named them.
 */
members_added: number, };

/**
 * Every kind of problem an import reports. The window has a text for each one.
 */
export type ProblemCode = "csv_syntax" | "unclosed_quote" | "field_too_long" | "mixed_encoding" | "json_syntax" | "json_structure" | "duplicate_column" | "unknown_column" | "missing_column" | "too_many_fields" | "unknown_field" | "missing_time" | "missing_rating" | "bad_date_time" | "skipped_local_time" | "date_out_of_range" | "offset_out_of_range" | "bad_time_zone" | "in_future" | "unknown_code" | "bad_id" | "bad_member_name" | "bad_place_name" | "nps_out_of_range" | "note_too_long" | "control_character" | "bad_yes_no" | "obstacle_on_golden" | "database" | "missing_value" | "bad_feedback";

/**
 * One problem in one row. `line` is the physical line where the record starts (header = 1).
 */
export type RowError = { line: number, 
/**
 * The column as the file names it, when the problem is in one cell.
 */
column: string | null, 
/**
 * What is wrong, for the window to say in its language.
 */
code: ProblemCode, 
/**
 * The values the message names (`value`, `valid`, ...), for the translation.
 */
params: Partial<Record<string, string>>, 
/**
 * The English text, as the CLI prints it.
 */
message: string, };

export type AppError = { code: string, message: string, };

/**
 * A code with its labels, so the window shows the same words as the CSV export.
 */
export type VocabularyEntry = { kind: string, code: string, label_de: string, label_en: string, 
/**
 * What a motive or perspective means, shown on hover and focus.
 */
hint_de: string | null, hint_en: string | null, };

/**
 * Everything the window needs to start.
 */
export type Bootstrap = { settings: Settings, 
/**
 * Active members, for the "who logs" picker.
 */
members: Array<Member>, vocabulary: Array<VocabularyEntry>, db_path: string, 
/**
 * Why nothing can be saved, when the file is open for reading only.
 */
read_only: AppError | null, 
/**
 * This computer's preferences.
 */
prefs: Prefs, };

export type JarPeriod = "today" | "week";

/**
 * The jar of today or this week: counts, share with its interval, and the days covered.
 */
export type JarView = { from: string, to: string, figures: Figures, };

/**
 * What the history lists: every field is an optional narrowing. Dates are local
 * calendar days, inclusive.
 */
export type HistoryQuery = { from: string | null, to: string | null, rating: Rating | null, channel: Channel | null, motive: Motive | null, perspective: Perspective | null, 
/**
 * Only contacts of this member.
 */
member: string | null, 
/**
 * Text the story contains, ignoring case (also for umlauts).
 */
text: string | null, };

/**
 * Where a history page ends: the next page starts after this contact.
 */
export type HistoryCursor = { 
/**
 * Local wall-clock seconds of the last contact shown, as `occurred_local` stores them.
 */
local: number, id: string, };

/**
 * One page of the history, newest first, and where the next one starts (`None` at the
 * oldest contact).
 */
export type HistoryPage = { contacts: Array<Contact>, next: HistoryCursor | null, };

/**
 * What this computer remembers between starts.
 */
export type Prefs = { 
/**
 * The database chosen with "switch file"; `None` is the default file.
 */
database: string | null, 
/**
 * Who logs from the tray and the global shortcuts; `None` is anonymous.
 */
member: string | null, shortcuts_enabled: boolean, 
/**
 * Accelerators as `Ctrl+Alt+G` (see the global-shortcut plugin).
 */
shortcut_golden: string, shortcut_ordinary: string, 
/**
 * A small system notification confirms logging from the tray or a shortcut.
 */
notify: boolean, reminder_enabled: boolean, 
/**
 * Local time of day after which the reminder may fire, `HH:MM`.
 */
reminder_time: string, 
/**
 * The reminder fires only if nothing was logged for this many hours.
 */
reminder_hours: number, };

/**
 * The words the tray and the notifications use, in the window's current language.
 */
export type DesktopTexts = { golden: string, ordinary: string, open: string, quit: string, logged_golden: string, logged_ordinary: string, 
/**
 * With `{golden}` and `{ordinary}`: today's counts after logging.
 */
today: string, reminder_title: string, reminder_body: string, };

/**
 * What an import from the settings view did.
 */
export type ImportOutcome = { "status": "cancelled" } | { "status": "stopped", file: string, } | { "status": "imported", file: string, summary: ImportSummary, } | { "status": "rejected", file: string, errors: Array<RowError>, total: number, };

export type ExportKind = "csv_de" | "csv_en" | "json";

export type ExportDone = { file: string, contacts: number, };

/**
 * The length of the periods in a series.
 */
export type Granularity = "day" | "week" | "month";

/**
 * How the golden share moved from one period to the next.
 */
export type Change = "up" | "down" | "within_normal_variation" | "too_few_to_tell";

/**
 * One period's figures against the period before.
 */
export type Comparison = { current: Figures, previous: Figures, 
/**
 * Current share minus previous share (0.05 = 5 percentage points).
 */
difference: number | null, 
/**
 * Two-sided p-value of the pooled two-proportion z-test.
 */
p_value: number | null, change: Change, };

/**
 * Figures for one period of a series.
 */
export type PeriodFigures = { period: string, 
/**
 * First and last day of the period (clipped to the requested range).
 */
from: string, to: string, 
/**
 * In a team view: fewer than three people logged in this period, so its figures are
 * withheld (shown as total 0 and "too few", never as one person's figures).
 */
suppressed: boolean, 
/**
 * The team's goal in force in this period, for the contacts the series covers (a
 * review fills it in): the trend draws it from the day the goal took force. `None`:
 * no goal, no target line.
 */
target?: PeriodTarget | null, 
/**
 * The team's measures that started in this period (a review fills them in): the
 * trend marks each start.
 */
started?: Array<MeasureMark>, total: number, golden: number, ordinary: number, golden_share: number | null, ci_low: number | null, ci_high: number | null, };

/**
 * The previous range and how the share moved since.
 */
export type PeriodChange = { previous_from: string, previous_to: string, current: Figures, previous: Figures, 
/**
 * Current share minus previous share (0.05 = 5 percentage points).
 */
difference: number | null, 
/**
 * Two-sided p-value of the pooled two-proportion z-test.
 */
p_value: number | null, change: Change, };

/**
 * Narrows the contacts a review looks at; `None` means any.
 */
export type ReviewFilter = { channel: Channel | null, phase: Phase | null, purpose: Purpose | null, motive: Motive | null, perspective: Perspective | null, rating: Rating | null, 
/**
 * Contacts logged at this place (its name).
 */
place: string | null, 
/**
 * Contacts that name what got in our way (08/15 contacts only).
 */
obstacle: Obstacle | null, };

/**
 * One bar or cell of a breakdown. `figures` is `None` when fewer than
 * [`MIN_CONTRIBUTORS`] people contributed to it (a cell without contacts is shown, with
 * total 0).
 */
export type Cell = { 
/**
 * The code (`phone`), weekday (0 = Monday) or hour (`0`–`23`).
 */
key: string, figures: Figures | null, 
/**
 * The team's goal for this channel, phase or purpose in force at the period's end (a
 * review fills it in); `None`: no goal of its own.
 */
target?: number | null, };

export type TagCounts = { 
/**
 * Golden contacts that name it, and their share of all golden contacts.
 */
golden: number, golden_share: number | null, 
/**
 * 08/15 contacts that name it, and their share of all 08/15 contacts.
 */
ordinary: number, ordinary_share: number | null, };

/**
 * How often a motive or perspective is named on golden and on 08/15 contacts.
 */
export type TagCell = { key: string, 
/**
 * `None` when fewer than [`MIN_CONTRIBUTORS`] people named it.
 */
counts: TagCounts | null, };

/**
 * One weekday × hour cell of the heat map.
 */
export type HeatCell = { 
/**
 * 0 = Monday … 6 = Sunday.
 */
weekday: number, hour: number, figures: Figures | null, };

/**
 * The 0–10 answers and the score (promoters 9–10 minus detractors 0–6, in points).
 */
export type NpsSpread = { 
/**
 * How many contacts gave 0, 1, … 10.
 */
counts: Array<number>, responses: number, score: number, };

/**
 * The figures of one place (a site or team the computers name). `figures` is `None`
 * when fewer than [`MIN_CONTRIBUTORS`] people contributed there.
 */
export type PlaceCell = { place: string, figures: Figures | null, };

/**
 * Everything the review's breakdowns show for one period and filter.
 */
export type Breakdowns = { from: string, to: string, 
/**
 * All contacts that pass the filter; the team's total is never suppressed.
 */
figures: Figures, by_channel: Array<Cell>, by_phase: Array<Cell>, by_purpose: Array<Cell>, 
/**
 * Monday first.
 */
by_weekday: Array<Cell>, by_hour: Array<Cell>, 
/**
 * Monday 0:00 first, 168 cells.
 */
heat: Array<HeatCell>, motives: Array<TagCell>, perspectives: Array<TagCell>, 
/**
 * What got in our way, named on 08/15 contacts only: `golden` is always 0 and
 * `golden_share` `null`.
 */
obstacles: Array<TagCell>, 
/**
 * `None` when no contact has a score; counts `None`-like suppression as for cells.
 */
nps: NpsSpread | null, 
/**
 * Contacts with a score but from fewer than [`MIN_CONTRIBUTORS`] people.
 */
nps_suppressed: boolean, 
/**
 * By the place they were logged at, by name; only places with contacts in the
 * period (empty where the team names no places).
 */
by_place: Array<PlaceCell>, };

/**
 * The target a trend draws in one period: the goal's value, from the day the goal took
 * force within the period (the period's first day when it was in force before).
 */
export type PeriodTarget = { value: number, from: string, };

/**
 * A measure's start as a trend marks it: its number, title and first day. Names nobody.
 */
export type MeasureMark = { id: number, title: string, on: string, };

/**
 * Which contacts a review looks at.
 */
export type ReviewQuery = { from: string, to: string, filter: ReviewFilter, 
/**
 * "My figures": only this member's contacts, nothing suppressed.
 */
member: string | null, };

/**
 * Everything the review shows for one period.
 */
export type Review = { from: string, to: string, 
/**
 * The member whose own figures these are; `None` for the team.
 */
member: string | null, 
/**
 * The period length the trend is drawn in: days up to a month, weeks up to half a
 * year, months beyond.
 */
granularity: Granularity, 
/**
 * Withheld (total 0) when a filtered team view comes from fewer than three people.
 */
figures: Figures, 
/**
 * The filtered team total comes from fewer than three people: nothing is shown.
 */
suppressed: boolean, 
/**
 * Against the range of the same length just before, with the same filter.
 */
change: PeriodChange, 
/**
 * The trend; periods without contacts are kept (share `null`): gaps, not zeros.
 */
series: Array<PeriodFigures>, 
/**
 * ISO weeks ending with the period, at least [`WEEKS_SHOWN`] of them.
 */
weeks: Array<PeriodFigures>, breakdowns: Breakdowns, 
/**
 * Stories shared for the review (or, in "my figures", one's own), newest first.
 */
stories: Array<Contact>, 
/**
 * How many there are in all; `stories` holds the newest [`STORIES_MAX`].
 */
stories_total: number, 
/**
 * The team's goal for what the review looks at (all contacts, or the one channel,
 * phase, purpose, motive or perspective it is narrowed to), in force at the period's
 * end, 0–1. `None` without such a goal, in one's own figures (a team goal is not a
 * personal quota), and for any other filter.
 */
target: number | null, };

/**
 * The contacts behind one bar or cell.
 */
export type Drill = { key: string, 
/**
 * Every contact behind the bar or cell.
 */
total: number, 
/**
 * The newest [`DRILL_MAX`] listed: in the team view only those whose story was
 * shared for the review (without names); in one's own figures all of them.
 */
contacts: Array<Contact>, 
/**
 * How many could be listed (shared stories in the team view; all in one's own).
 */
listable: number, };

/**
 * One clickable area of a chart: a bar, segment, point column, cell or jar with contacts.
 * Suppressed and empty cells have none.
 */
export type Region = { 
/**
 * What the area stands for, machine readable: "days:2026-11-16:2026-11-22" (a period's
 * days as drawn, so a week clipped by the range opens just those days),
 * "days:2026-11-16:2026-11-22:golden",
 * "motive:speed:golden", "motive:speed:ordinary", "perspective:market:golden", "heat:0:9" (weekday 0=Mon, hour),
 * "channel:phone", "phase:first-contact", "purpose:advice", "weekday:0", "hour:9",
 * "obstacle:mood".
 */
key: string, 
/**
 * Accessible text in the UI language, e.g. "KW 47: 12 Gold, 30 08/15 (29 %)".
 */
label: string, 
/**
 * In SVG user units (pixels of `width`×`height`).
 */
x: number, y: number, width: number, height: number, };

/**
 * An SVG and the clickable areas in it (for drill-down in the app: the UI overlays
 * a transparent, keyboard-focusable button on each region).
 */
export type Drawn = { svg: string, width: number, height: number, regions: Array<Region>, };

/**
 * The charts of the dashboard.
 */
export type ChartId = "trend" | "weekly_bars" | "week_jars" | "tags" | "heat" | "by_channel" | "by_phase" | "by_purpose";

/**
 * One drawn chart of the dashboard.
 */
export type ChartView = { id: ChartId, drawn: Drawn, };

/**
 * The review of a period and its charts, in the window's language.
 */
export type ReviewView = { review: Review, charts: Array<ChartView>, };

/**
 * Why a backup was made; rotation keeps each kind by its own rule.
 */
export type BackupReason = "daily" | "before-migration" | "before-restore" | "manual" | "before-anonymizing";

/**
 * One backup file in the backup folder.
 */
export type BackupInfo = { 
/**
 * What `murmelglas backup restore` takes, e.g. `20261201-193005-daily`.
 */
id: string, 
/**
 * Local wall-clock time the backup was made, to the second.
 */
created: string, reason: BackupReason, size_bytes: number, path: string, };

/**
 * What a restore did.
 */
export type Restored = { 
/**
 * The backup now in the database.
 */
restored: BackupInfo, 
/**
 * The state the restore replaced, backed up first.
 */
safety: BackupInfo, contacts_before: number, contacts_after: number, };

/**
 * What [`Store::erase_member`] deleted.
 */
export type Erased = { member: string, contacts: number, stories: number, };

/**
 * Why a database file could not be opened, with what might help: the backups in the
 * folder beside it.
 */
export type OpenProblem = { path: string, 
/**
 * What is wrong, for the window's words (`not_a_database`, `database_too_new`, …).
 */
code: string, 
/**
 * SQLite's or the core's own description, in English.
 */
message: string, backup_folder: string, 
/**
 * Newest first; empty when there is no backup folder.
 */
backups: Array<BackupInfo>, };

/**
 * How the window starts: with the open database, or with why it cannot be opened.
 */
export type Start = { "status": "ready" } & Bootstrap | { "status": "unavailable" } & OpenProblem;

/**
 * The backups of the open database, newest first, and where they are.
 */
export type BackupList = { folder: string, backups: Array<BackupInfo>, };

/**
 * How far the running import has come.
 */
export type ImportProgressEvent = { file: string, 
/**
 * Records read so far (good and bad).
 */
rows: number, bytes: number, total_bytes: number | null, };

/**
 * How far the running export has come: contacts written of all.
 */
export type ExportProgress = { file: string, rows: number, total: number, };

/**
 * What one round of upkeep did.
 */
export type Upkeep = { db_path: string, 
/**
 * The daily backup made now; `None` when today's exists already (or it failed).
 */
backup: BackupInfo | null, backup_error: AppError | null, 
/**
 * Stories deleted now by the team's retention.
 */
stories_deleted: number, 
/**
 * The team's retention in months; `None` when stories are kept.
 */
retention_months: number | null, retention_error: AppError | null, };

/**
 * What switching anonymous-only did.
 */
export type AnonymousDone = { settings: Settings, 
/**
 * Contacts the member was taken off.
 */
stripped: number, 
/**
 * The backup made first, when names were taken off.
 */
backup: BackupInfo | null, };

/**
 * What changing the story retention did.
 */
export type RetentionDone = { settings: Settings, 
/**
 * Stories deleted at once.
 */
deleted: number, };

/**
 * Where a member's data went.
 */
export type MemberExport = { file: string, contacts: number, };

/**
 * What erasing a member did, and the members left.
 */
export type MemberErased = { erased: Erased, members: Array<Member>, };
export type Metric = "golden-share";
export type GoalTarget = { metric: Metric, part: string | null, value: number, };
export type Goal = { id: number, text: string, start_on: string, ended_on: string | null, target: GoalTarget | null, };
export type GoalDraft = { text: string, start_on: string, target: GoalTarget | null, };
export type MeasureStatus = "planned" | "running" | "kept" | "changed" | "ended";
export type Measure = { id: number, title: string, why: string | null, owner: string | null, start_on: string, review_on: string | null, status: MeasureStatus, ended_on: string | null, };
export type MeasureDraft = { title: string, why: string | null, owner: string | null, start_on: string, review_on: string | null, status: MeasureStatus | null, };
export type Verdict = "real_improvement" | "real_decline" | "within_normal_variation" | "too_few_to_tell";
export type EffectSide = { from: string, to: string, counted_to: string | null, suppressed: boolean, } & Figures;
export type ConcurrentMeasure = { id: number, title: string, start_on: string, ended_on: string | null, };
export type Effect = { measure_id: number, why: string | null, as_of: string, before: EffectSide, left_out_from: string, left_out_to: string, after: EffectSide, difference: number | null, p_value: number | null, verdict: Verdict, complete: boolean, concurrent: Array<ConcurrentMeasure>, };
export type MeasureReview = { measure: Measure, effect: Effect, };
export type ServiceRule = { id: number, text: string, shipped: boolean, retired_on: string | null, };
export type Conclusions = { goal: string, procedure: string, result: string, conclusion: string, };
export type Decision = { measure_id: number, status: MeasureStatus, };
export type MeetingDraft = { held_on: string, from: string, to: string, conclusions: Conclusions, decisions: Array<Decision>, new_measures: Array<MeasureDraft>, stories: Array<string>, };
export type MeetingSummary = { id: number, held_on: string, from: string, to: string, conclusions: Conclusions, };
export type ReviewedMeasure = { id: number, title: string, why: string | null, start_on: string, review_on: string | null, status: MeasureStatus, decision: MeasureStatus | null, effect: Effect, };
export type NewMeasure = { id: number, title: string, why: string | null, start_on: string, review_on: string | null, };
export type Minutes = { team_name: string, review: Review, goals: Array<Goal>, reviewed: Array<ReviewedMeasure>, new_measures: Array<NewMeasure>, stories: Array<string>, rule_of_week: ServiceRule | null, };
export type Meeting = { id: number, held_on: string, from: string, to: string, conclusions: Conclusions, saved_at: number, minutes: Minutes, };
export type Agenda = { on: string, last: MeetingSummary | null, measures: Array<MeasureReview>, goals: Array<Goal>, rule_of_week: ServiceRule | null, rules: Array<ServiceRule>, };
export type CycleView = { today: string, goals: Array<Goal>, measures: Array<MeasureReview>, meetings: Array<MeetingSummary>, rules: Array<ServiceRule>, rule_of_week: ServiceRule | null, };
export type MinutesKind = "html" | "markdown";
