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
export type ProblemCode = "csv_syntax" | "unclosed_quote" | "field_too_long" | "mixed_encoding" | "json_syntax" | "json_structure" | "duplicate_column" | "unknown_column" | "missing_column" | "too_many_fields" | "cut_short" | "unknown_field" | "missing_time" | "missing_rating" | "bad_date_time" | "skipped_local_time" | "date_out_of_range" | "offset_out_of_range" | "bad_time_zone" | "in_future" | "unknown_code" | "bad_id" | "bad_member_name" | "bad_place_name" | "nps_out_of_range" | "note_too_long" | "control_character" | "bad_yes_no" | "obstacle_on_golden" | "database" | "missing_value" | "bad_feedback";

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

/**
 * What went wrong, for the window's words (`error.<code>` in its text table).
 */
export type ErrorCode = "already_in" | "ambiguous_focus" | "answer_first" | "answer_note_too_long" | "backup_before_migration" | "backup_copy_damaged" | "backup_damaged" | "backup_folder" | "backup_folder_setting" | "backup_foreign" | "backup_in_memory" | "backup_on_server" | "backup_too_new" | "backup_unknown" | "bad_cause_name" | "bad_complaints_target" | "bad_days" | "bad_id" | "bad_key" | "bad_member_name" | "bad_place_name" | "bad_ref" | "bad_reminder_hours" | "bad_reminder_time" | "bad_retention" | "bad_shortcut" | "bad_target" | "bad_value" | "bad_week" | "bad_weekday" | "before_received" | "before_start" | "cannot_create_folder" | "cannot_open" | "cause_exists" | "cause_retired" | "cause_with_golden_share" | "chart" | "control_character" | "database" | "database_busy" | "database_corrupt" | "database_open" | "database_too_new" | "disk_full" | "duplicate_contact" | "empty_range" | "empty_text" | "ended_without_day" | "export_failed" | "file_exists" | "full_screen" | "goal_ended" | "import_failed" | "import_invalid" | "import_running" | "in_future" | "internal" | "invalid_value" | "io_error" | "logged_here" | "member_exists" | "migration_failed" | "no_data_dir" | "no_database" | "no_meetings" | "no_window" | "no_working_days" | "not_a_database" | "not_a_shared_story" | "not_murmelglas" | "note_too_long" | "nothing_to_undo" | "nps_out_of_range" | "open_folder" | "outcome_missing" | "part_with_complaints" | "part_without_target" | "period_out_of_range" | "prefs_write" | "read_only" | "read_only_too_old" | "reason_missing" | "restore_damaged" | "restore_migrate" | "server_form" | "server_login" | "server_no_database" | "server_not_initialised" | "server_rights" | "server_schema_old" | "server_tls" | "server_unreachable" | "server_url" | "shortcut" | "shortcut_taken" | "shortcut_twice" | "step_note_too_long" | "strip_needs_anonymous" | "summary_missing" | "summary_too_long" | "team_name_too_long" | "text_too_long" | "time_out_of_range" | "too_few" | "tray" | "unknown_cause" | "unknown_cell" | "unknown_code" | "unknown_contact" | "unknown_focus" | "unknown_goal" | "unknown_item" | "unknown_measure" | "unknown_meeting" | "unknown_member" | "unknown_rule" | "upload_needs_server" | "write_failed";

export type AppError = { code: ErrorCode, message: string, };

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
reminder_hours: number, 
/**
 * Where this computer stands ("Filiale Markt"); goes with every contact logged here.
 */
place: string | null, 
/**
 * The local file used before connecting to the team's server: "back to the local
 * file" opens it, and the upload reads it.
 */
local_file: string | null, };

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
export type ReviewView = { review: Review, charts: Array<ChartView>, 
/**
 * Every place the file's contacts name, by name: the choices of the place filter,
 * which must not shrink to the one place the filter has chosen.
 */
places: Array<string>, };

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
code: ErrorCode, 
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
 * A command's answer as the page would receive it: its value or its error.
 */
export type Answer<T> = { "ok": T } | { "err": AppError };

/**
 * What the script gives the page, as `window.__murmelglasStart`.
 */
export type StartData = { bootstrap: Answer<Start>, 
/**
 * Today's team jar; none when the database cannot be opened.
 */
jar: Answer<JarView> | null, };

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

/**
 * Whether the window's data lives on the team's server, and how it fares.
 */
export type ServerStatus = { 
/**
 * The server's URL without the password; `None` when a local file is open.
 */
url: string | null, 
/**
 * The server did not answer the last time it was asked.
 */
offline: boolean, 
/**
 * The ratings of the contacts waiting in the outbox, oldest first.
 */
waiting: Array<Rating>, };

/**
 * How the connection to the server is secured.
 */
export type TlsMode = "disable" | "prefer" | "require";

/**
 * The settings' form for the team's server.
 */
export type ServerForm = { host: string, port: number, database: string, user: string, 
/**
 * Empty: the one kept in the keyring, else `PGPASSWORD`.
 */
password: string, tls: TlsMode, };

/**
 * What connecting did: the window's new start data, and whether the password is kept.
 */
export type Connected = { boot: Bootstrap, 
/**
 * The password went into the keyring; `false` when none answers here (it is then
 * taken from the URL or `PGPASSWORD` each time).
 */
password_stored: boolean, };

/**
 * What an upload did with the goals, measures, rules and meetings.
 */
export type CycleUploaded = { 
/**
 * Copied: the server had none of its own yet (and its shipped rules untouched).
 */
copied: boolean, goals: number, measures: number, meetings: number, 
/**
 * The file's rules that differ from the shipped ones (reworded, added, retired).
 */
own_rules: number, };

/**
 * What an upload did.
 */
export type Uploaded = { contacts_added: number, contacts_present: number, members_added: number, members_present: number, 
/**
 * The file's team settings became the server's (it had none of its own yet).
 */
settings_copied: boolean, 
/**
 * Feedback items copied, and those the server already had.
 */
feedback_added: number, feedback_present: number, 
/**
 * The file's goals, measures, rules and meetings, and whether they were copied.
 */
cycle: CycleUploaded, };

/**
 * What the customer brought: a complaint or a suggestion.
 */
export type FeedbackKind = "complaint" | "suggestion";

/**
 * Where an item stands in the process, in order.
 */
export type FeedbackState = "received" | "in-progress" | "informed" | "closed";

/**
 * A field an edit changed, as the item's history names it.
 */
export type FeedbackField = "kind" | "summary" | "cause" | "urgent" | "reply-wanted" | "contact" | "answer-note" | "share-summary";

/**
 * One dated line of an item's history: a step forward or back, or an edit.
 */
export type FeedbackEvent = { at: string, 
/**
 * The state before; `None` on the line of its arrival.
 */
from: FeedbackState | null, 
/**
 * The state after; the same as `from` on an edit.
 */
to: FeedbackState, 
/**
 * What an edit changed; empty on a step.
 */
edited?: Array<FeedbackField>, 
/**
 * The outcome (closing), the reason (going back) or a remark.
 */
note?: string | null, };

/**
 * One piece of customer feedback and its way through the process.
 */
export type FeedbackItem = { id: string, 
/**
 * The short number people say ("#12"), unique in the team's database.
 */
number: number, kind: FeedbackKind, summary: string, 
/**
 * The code of its cause in the team's list.
 */
cause: string | null, 
/**
 * Urgent items get their first answer within the team's shorter deadline.
 */
urgent: boolean, 
/**
 * The customer wants to hear what came of it.
 */
reply_wanted: boolean, 
/**
 * The contact it came up in, if it was logged.
 */
contact: string | null, 
/**
 * The member who took it; `None` when nobody is named.
 */
recorded_by: string | null, 
/**
 * How we answer (a number to call back, "at the counter"): at most 200 characters,
 * cleared 90 days after the item is closed.
 */
answer_note: string | null, 
/**
 * The summary may be read out in the team's report (it names nobody).
 */
share_summary: boolean, state: FeedbackState, 
/**
 * What came of it; set when closed.
 */
outcome: string | null, 
/**
 * When it came in, with the local UTC offset then.
 */
received_at: string, 
/**
 * When the customer was first told what came of it (or got it settled on the spot).
 */
answered_at: string | null, closed_at: string | null, 
/**
 * Every step and edit as a dated line, oldest first; the first line is its arrival.
 */
history: Array<FeedbackEvent>, };

/**
 * What a person enters to record feedback (step 2: whoever receives it records it).
 */
export type FeedbackDraft = { kind: FeedbackKind, summary: string, 
/**
 * A cause of the team's list, by code or name.
 */
cause: string | null, urgent: boolean, reply_wanted: boolean, contact: string | null, 
/**
 * Who took it; `None` leaves it unnamed.
 */
recorded_by: string | null, answer_note: string | null, share_summary: boolean, 
/**
 * When it came in; `None` is now.
 */
received_at: string | null, 
/**
 * Settled on the spot, with this outcome: the item is closed in one step.
 */
settled: string | null, };

/**
 * The team's deadlines (step 4: respond within a reasonable time; urgent causes at once).
 */
export type FeedbackSettings = { 
/**
 * Working days to the first answer.
 */
answer_days: number, 
/**
 * Working days to the close.
 */
close_days: number, 
/**
 * Working days to the first answer of an urgent item.
 */
urgent_days: number, 
/**
 * Which weekdays the team works, Monday first.
 */
working_days: [boolean, boolean, boolean, boolean, boolean, boolean, boolean], };

/**
 * Which items the list shows; every field narrows.
 */
export type ListQuery = { state: FeedbackState | null, 
/**
 * Only items not closed yet.
 */
open: boolean, 
/**
 * Only overdue items.
 */
overdue: boolean, kind: FeedbackKind | null, 
/**
 * Only items of this cause (its code).
 */
cause: string | null, };

/**
 * One item as the list shows it, with its deadlines on `today`.
 */
export type FeedbackRow = { id: string, number: number, kind: FeedbackKind, summary: string, cause: string | null, urgent: boolean, reply_wanted: boolean, state: FeedbackState, received_at: string, answered_at: string | null, closed_at: string | null, outcome: string | null, 
/**
 * The first answer's last day; `None` when the customer wants none.
 */
answer_due: string | null, 
/**
 * The close's last day.
 */
close_due: string, answer_overdue: boolean, close_overdue: boolean, 
/**
 * Either of the two: the row stands out.
 */
overdue: boolean, 
/**
 * Working days since it came in: up to today, or up to its close.
 */
age_days: number, 
/**
 * The contact it came up in (its id only, never who logged it).
 */
contact: string | null, 
/**
 * Whether a "how we answer" note is kept (its text is shown on the item only).
 */
has_answer_note: boolean, share_summary: boolean, };

/**
 * The weekly meeting's step "feedback".
 */
export type MeetingFeedback = { 
/**
 * The last meeting's day: causes are counted from it on.
 */
since: string, today: string, 
/**
 * Every item not closed yet, overdue ones first.
 */
open: Array<FeedbackRow>, overdue: number, 
/**
 * Items that came in since the last meeting.
 */
received_since: number, 
/**
 * The most frequent causes of what came in since the last meeting, most first.
 */
top_causes: Array<CauseCount>, 
/**
 * Contacts since the last meeting tagged "suggestions & complaints" that no item
 * links to: feedback nobody has taken yet (their ids only, never who logged them).
 */
contacts_without_item: Array<string>, 
/**
 * The team's causes, for their names.
 */
causes: Array<Cause>, };

/**
 * Items of one cause (`None`: without a cause).
 */
export type CauseCount = { cause: string | null, complaints: number, suggestions: number, total: number, };

/**
 * How long open items have been open, in working days.
 */
export type AgeBucket = "0-2" | "3-5" | "6-10" | "over-10";

export type AgeCount = { bucket: AgeBucket, count: number, };

export type CauseInWeek = { cause: string | null, count: number, };

/**
 * Complaints that came in during one week (Monday to Sunday), by cause.
 */
export type WeekComplaints = { 
/**
 * The ISO week, `2026-W47`.
 */
week: string, from: string, to: string, complaints: number, 
/**
 * Causes with complaints that week, most first.
 */
by_cause: Array<CauseInWeek>, 
/**
 * The team's goal for the cause the figures follow (or for all complaints), in force
 * at the week's end: at most this many complaints a week, from the day it started.
 */
target: PeriodTarget | null, };

/**
 * Which period the figures cover, and which cause the trend follows (all when `None`).
 */
export type StatsQuery = { from: string, to: string, cause: string | null, };

/**
 * One cause in the team's list. The defaults come with words in both languages; a cause
 * the team added or renamed carries its own name.
 */
export type Cause = { 
/**
 * Stable, what items, files and the CLI name it by (`waiting-time`).
 */
code: string, 
/**
 * The team's own name; `None` for a default cause never renamed.
 */
name: string | null, 
/**
 * Retired causes stay on their items but new items cannot take them.
 */
retired: boolean, };

/**
 * The figures of a period. Every count has a [`FeedbackKey`] that lists its items.
 */
export type FeedbackStats = { from: string, to: string, 
/**
 * The day open items and their age are counted on: the period's last day, or today.
 */
as_of: string, 
/**
 * `received`: items that came in during the period.
 */
received: number, 
/**
 * `kind:complaint`, `kind:suggestion`.
 */
complaints: number, suggestions: number, 
/**
 * `cause:CODE`, `cause:none`; most first.
 */
by_cause: Array<CauseCount>, 
/**
 * `answered`: first answers given during the period.
 */
answered: number, answered_in_time: number, 
/**
 * Working days from coming in to the first answer, median of `answered`.
 */
median_answer_days: number | null, 
/**
 * `closed`: items closed during the period.
 */
closed: number, closed_in_time: number, median_close_days: number | null, 
/**
 * `open`, `overdue`, `age:0-2` …: as they stood on `as_of`.
 */
open: number, overdue: number, open_by_age: Array<AgeCount>, 
/**
 * The cause the trend follows (`None`: all causes).
 */
trend_cause: string | null, 
/**
 * `week:2026-11-16`, `week:2026-11-16:CODE`: at least the last [`TREND_WEEKS`].
 */
weeks: Array<WeekComplaints>, settings: FeedbackSettings, 
/**
 * The team's causes, for their names.
 */
causes: Array<Cause>, };

/**
 * A clickable segment: the complaints of one cause in one week.
 */
export type FeedbackRegion = { 
/**
 * What `feedback::stats::drill` lists: `week:2026-11-16:waiting-time`,
 * `week:2026-11-16:none` (without a cause), `week:2026-11-16` (the week's other causes
 * and all of them, for the shared segment).
 */
key: string, 
/**
 * Accessible text: "KW 47, Wartezeit: 3".
 */
label: string, x: number, y: number, width: number, height: number, };

/**
 * The chart as SVG with its regions.
 */
export type FeedbackDrawn = { svg: string, width: number, height: number, regions: Array<FeedbackRegion>, };

/**
 * What [`Store::import_feedback`] stored.
 */
export type FeedbackImported = { 
/**
 * Items written.
 */
added: number, 
/**
 * Items whose id was already there: left as they were.
 */
already_present: number, 
/**
 * Items that got a new number because theirs was taken (items without one get the
 * next free number and are not counted here).
 */
renumbered: number, 
/**
 * Causes created because items named them.
 */
causes_added: number, 
/**
 * Members created because items named them as the one who took them.
 */
members_added: number, };

/**
 * What a feedback import did.
 */
export type FeedbackImportSummary = { 
/**
 * Items read from the file.
 */
read: number, 
/**
 * Items written.
 */
added: number, 
/**
 * Items whose id was already there: left as they were.
 */
already_present: number, 
/**
 * Items that got a new number because theirs was taken (items without one get the
 * next free number and are not counted here).
 */
renumbered: number, 
/**
 * Causes created because items named them.
 */
causes_added: number, 
/**
 * Members created because items named them as the one who took them.
 */
members_added: number, };

/**
 * A cause of the team's list with its words in both languages (a default cause has the
 * core's words, one the team named its own name in both).
 */
export type CauseEntry = { code: string, label_de: string, label_en: string, retired: boolean, };

/**
 * The list as the window shows it: the rows the filter selects, how many items are
 * overdue in all (the navigation's badge), and the causes' words.
 */
export type FeedbackList = { rows: Array<FeedbackRow>, overdue: number, open: number, causes: Array<CauseEntry>, };

/**
 * The team's deadlines and causes, for the settings and the capture form.
 */
export type FeedbackSetup = { settings: FeedbackSettings, causes: Array<CauseEntry>, };

/**
 * The review of feedback for a period, with its chart.
 */
export type FeedbackStatsView = { stats: FeedbackStats, chart: FeedbackDrawn, causes: Array<CauseEntry>, };

/**
 * The weekly meeting's step, with the causes' words.
 */
export type MeetingFeedbackView = { step: MeetingFeedback, causes: Array<CauseEntry>, };

/**
 * What an import of feedback from the settings view did.
 */
export type FeedbackImportOutcome = { "status": "cancelled" } | { "status": "imported", file: string, summary: FeedbackImportSummary, } | { "status": "rejected", file: string, errors: Array<RowError>, total: number, };

export type FeedbackExportDone = { file: string, items: number, };

/**
 * What a goal's value measures.
 */
export type Metric = "golden-share" | "complaints-per-week";

/**
 * A goal's measurable part: what is measured, for which contacts or complaints, and the
 * value aimed for.
 */
export type GoalTarget = { metric: Metric, 
/**
 * The contacts a golden share is about; `None` is all of the team's contacts. Always
 * `None` for complaints.
 */
part: string | null, 
/**
 * The cause complaints per week are counted for, by its code (as the feedback
 * figures name causes); `None` is all complaints. Always `None` for a golden share.
 */
cause: string | null, 
/**
 * The value aimed for: a share from 0 to 1, or complaints per week (0 or more).
 */
value: number, };

/**
 * A goal of the team.
 */
export type Goal = { id: number, text: string, 
/**
 * The first day it is in force.
 */
start_on: string, 
/**
 * The day it was ended: from this day on it is no longer in force.
 */
ended_on: string | null, target: GoalTarget | null, };

/**
 * What a person enters for a new goal.
 */
export type GoalDraft = { text: string, start_on: string, target: GoalTarget | null, };

/**
 * Where a measure stands. A kept or changed measure goes on (changed: in a new form);
 * an ended one has stopped.
 */
export type MeasureStatus = "planned" | "running" | "kept" | "changed" | "ended";

/**
 * A measure the team decided.
 */
export type Measure = { id: number, title: string, 
/**
 * What it is about (`channel:phone`, `cause:waiting-time`); `None`: all of the team's
 * contacts.
 */
why: string | null, 
/**
 * The member who takes care of it; `None`: the team.
 */
owner: string | null, start_on: string, 
/**
 * When to look again.
 */
review_on: string | null, status: MeasureStatus, 
/**
 * The day it was ended (status `ended`): from this day on it no longer runs.
 */
ended_on: string | null, };

/**
 * What a person enters for a new measure.
 */
export type MeasureDraft = { title: string, why: string | null, 
/**
 * A member's name; `None` (or empty): the team.
 */
owner: string | null, start_on: string, review_on: string | null, 
/**
 * `None`: planned when it starts after `today`, running otherwise.
 */
status: MeasureStatus | null, };

/**
 * What the difference between before and after says, in the review's words.
 */
export type Verdict = "real_improvement" | "real_decline" | "within_normal_variation" | "too_few_to_tell";

/**
 * One side of the comparison.
 */
export type EffectSide = { 
/**
 * The window: 4 weeks, inclusive.
 */
from: string, to: string, 
/**
 * The last day counted so far (`None`: the window has not begun).
 */
counted_to: string | null, 
/**
 * Fewer than three people made these contacts: not shown.
 */
suppressed: boolean, 
/**
 * For a measure about a cause: its complaints that came in during the window (up to
 * `counted_to`); the contacts' figures are then empty. `None` for contacts.
 */
complaints: number | null, total: number, golden: number, ordinary: number, golden_share: number | null, ci_low: number | null, ci_high: number | null, };

/**
 * Another measure that ran during the windows.
 */
export type ConcurrentMeasure = { id: number, title: string, start_on: string, ended_on: string | null, };

/**
 * A measure's effect as of a day.
 */
export type Effect = { measure_id: number, 
/**
 * What was counted: the measure's focus or cause (then complaints, see
 * [`EffectSide::complaints`]); `None`: all of the team's contacts.
 */
why: string | null, as_of: string, before: EffectSide, 
/**
 * The days left out between the two windows.
 */
left_out_from: string, left_out_to: string, after: EffectSide, 
/**
 * After minus before: in share (0.05 = 5 percentage points), or for a cause in
 * complaints per week.
 */
difference: number | null, 
/**
 * Two-sided p-value of the pooled two-proportion z-test, or for a cause of the exact
 * test for two Poisson counts.
 */
p_value: number | null, verdict: Verdict, 
/**
 * Both windows are over: the effect will not change any more (but for late imports).
 */
complete: boolean, 
/**
 * Measures that ran during the windows: their effects cannot be told apart.
 */
concurrent: Array<ConcurrentMeasure>, };

/**
 * A measure with its effect so far.
 */
export type MeasureReview = { measure: Measure, effect: Effect, };

/**
 * One of the team's rules.
 */
export type ServiceRule = { id: number, 
/**
 * The team's words, or a shipped default's in the language asked for.
 */
text: string, 
/**
 * Shipped with Murmelglas and not reworded: its words follow the language.
 */
shipped: boolean, 
/**
 * The day it was retired; from then on it is neither shown nor offered.
 */
retired_on: string | null, };

/**
 * The team's conclusions, in the four steps of evaluating procedures (DOMAIN.md §6).
 */
export type Conclusions = { 
/**
 * What we aim for.
 */
goal: string, 
/**
 * What we do to get there.
 */
procedure: string, 
/**
 * What came of it.
 */
result: string, 
/**
 * What we conclude: keep, change, or try something else.
 */
conclusion: string, };

/**
 * What the meeting decided about a measure: keep, change or end it (or leave it running).
 */
export type Decision = { measure_id: number, status: MeasureStatus, };

/**
 * What the meeting screen (or the CLI) hands over to save.
 */
export type MeetingDraft = { 
/**
 * The day of the meeting.
 */
held_on: string, 
/**
 * The period looked at.
 */
from: string, to: string, conclusions: Conclusions, decisions: Array<Decision>, new_measures: Array<MeasureDraft>, 
/**
 * The shared stories discussed, by contact id.
 */
stories: Array<string>, };

/**
 * A past meeting in the list.
 */
export type MeetingSummary = { id: number, held_on: string, from: string, to: string, conclusions: Conclusions, };

/**
 * A measure as the meeting looked at it: frozen, without its owner.
 */
export type ReviewedMeasure = { id: number, title: string, why: string | null, start_on: string, review_on: string | null, 
/**
 * Where it stood when the meeting began.
 */
status: MeasureStatus, 
/**
 * What the meeting decided; `None`: it goes on as it was.
 */
decision: MeasureStatus | null, 
/**
 * Its effect as of the meeting's day.
 */
effect: Effect, };

/**
 * A measure the meeting decided, as the minutes keep it (without its owner).
 */
export type NewMeasure = { id: number, title: string, why: string | null, start_on: string, review_on: string | null, };

/**
 * Everything the meeting saw, frozen when it was saved.
 */
export type Minutes = { team_name: string, 
/**
 * The team review of the period as shown, without the stories' texts.
 */
review: Review, 
/**
 * The goals in force on the meeting's day.
 */
goals: Array<Goal>, reviewed: Array<ReviewedMeasure>, new_measures: Array<NewMeasure>, 
/**
 * The shared stories discussed, by contact id.
 */
stories: Array<string>, 
/**
 * The rule of the week, in the words shown.
 */
rule_of_week: ServiceRule | null, };

/**
 * A saved meeting.
 */
export type Meeting = { id: number, held_on: string, from: string, to: string, conclusions: Conclusions, 
/**
 * When it was saved, UTC seconds.
 */
saved_at: number, minutes: Minutes, };

/**
 * Where the meeting starts.
 */
export type Agenda = { on: string, 
/**
 * Where the last meeting ended.
 */
last: MeetingSummary | null, 
/**
 * The measures still to decide about (planned, running or changed, and begun), each
 * with its effect so far.
 */
measures: Array<MeasureReview>, 
/**
 * The goals in force.
 */
goals: Array<Goal>, 
/**
 * The rule of the week, and the rules in use that the conclusions step offers.
 */
rule_of_week: ServiceRule | null, rules: Array<ServiceRule>, };

/**
 * Everything the "Ziele & Maßnahmen" view shows, as of `today`.
 */
export type CycleView = { today: string, 
/**
 * Every goal, in force and ended.
 */
goals: Array<Goal>, 
/**
 * Every measure with its effect so far, in the order they start.
 */
measures: Array<MeasureReview>, 
/**
 * The past meetings, newest first.
 */
meetings: Array<MeetingSummary>, 
/**
 * The team's service rules, retired ones too.
 */
rules: Array<ServiceRule>, rule_of_week: ServiceRule | null, };

/**
 * How the minutes are written to a file.
 */
export type MinutesKind = "html" | "markdown";
