// The one typed door to the Rust side. Components never call `invoke` themselves: every
// command is a function here, and every failure arrives as an `ApiError` with a code.

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";

import type {
  AnonymousDone,
  Answer,
  AppError,
  BackupInfo,
  BackupList,
  Bootstrap,
  ChartId,
  Drill,
  Lang,
  ReviewQuery,
  ReviewView,
  Contact,
  ContactDraft,
  DesktopTexts,
  ExportDone,
  ExportKind,
  ExportProgress,
  HistoryCursor,
  HistoryPage,
  HistoryQuery,
  ImportOutcome,
  ImportProgressEvent,
  JarPeriod,
  JarView,
  Member,
  MemberErased,
  MemberExport,
  OpenProblem,
  Prefs,
  Restored,
  RetentionDone,
  Settings,
  Start,
  StartData,
  Upkeep,
  Connected,
  ServerForm,
  ServerStatus,
  Uploaded,
} from "./bindings";
// Suggestions and complaints (issue 14).
import type {
  FeedbackDraft,
  FeedbackExportDone,
  FeedbackImportOutcome,
  FeedbackItem,
  FeedbackList,
  FeedbackRow,
  FeedbackSettings,
  FeedbackSetup,
  FeedbackState,
  FeedbackStatsView,
  ListQuery,
  MeetingFeedbackView,
  StatsQuery,
} from "./bindings";
import type { ErrorCode } from "./bindings";
import type {
  Agenda,
  CycleView,
  GoalDraft,
  MeasureDraft,
  MeasureStatus,
  Meeting,
  MeetingDraft,
  MinutesKind,
} from "./bindings";
import { pageTimings } from "./timings";

export class ApiError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = "ApiError";
  }
}

/** Turns whatever a command threw into an `ApiError`. */
export function normaliseError(raw: unknown): ApiError {
  if (raw instanceof ApiError) {
    return raw;
  }
  if (typeof raw === "object" && raw !== null && "code" in raw && "message" in raw) {
    const e = raw as AppError;
    return new ApiError(e.code, String(e.message));
  }
  if (raw instanceof Error) {
    return new ApiError("internal", raw.message);
  }
  return new ApiError("internal", String(raw));
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw normaliseError(raw);
  }
}

/** A command's answer, given before the page asked (the start script): its value, or its
 * error thrown as an `ApiError`, as the command would. */
export function answered<T>(answer: Answer<T>): T {
  if ("ok" in answer) return answer.ok;
  throw normaliseError(answer.err);
}

/** The start data and today's team jar from the start script (public/early.js loads
 * it before this code); `null` where there is none (a test, the script failed to load:
 * the page then asks by command) or once taken (a restart after switching files asks anew). */
export function takeEarlyStart(): StartData | null {
  const holder = window as unknown as { __murmelglasStart?: StartData };
  const early = holder.__murmelglasStart;
  if (!early) return null;
  delete holder.__murmelglasStart;
  return early;
}

export const api = {
  /** The open database's start data, or why it cannot be opened. */
  bootstrap: () => call<Start>("bootstrap"),
  /** After a query met a damaged file: checks every page; the problem, or `null`. */
  checkDatabase: () => call<OpenProblem | null>("check_database"),
  quit: () => call<null>("quit"),
  logContact: (draft: ContactDraft) => call<Contact>("log_contact", { draft }),
  amendContact: (id: string, draft: ContactDraft) =>
    call<Contact>("amend_contact", { id, draft }),
  undoContact: (id: string) => call<Contact>("undo_contact", { id }),
  /** The team's jar, `member`'s own, or (`thisComputer`) the contacts logged here. */
  jar: (period: JarPeriod, member: string | null, thisComputer: boolean) =>
    call<JarView>("jar", { period, member, thisComputer }),
  history: (query: HistoryQuery, after: HistoryCursor | null, limit: number) =>
    call<HistoryPage>("history", { query, after, limit }),
  historyCount: (query: HistoryQuery) => call<number>("history_count", { query }),
  deleteContact: (id: string) => call<Contact>("delete_contact", { id }),
  restoreContact: (contact: Contact) => call<Contact>("restore_contact", { contact }),
  saveSettings: (settings: Settings) => call<Settings>("save_settings", { settings }),
  members: () => call<Member[]>("members"),
  addMember: (name: string) => call<Member[]>("add_member", { name }),
  renameMember: (old: string, name: string) => call<Member[]>("rename_member", { old, new: name }),
  setMemberActive: (name: string, active: boolean) =>
    call<Member[]>("set_member_active", { name, active }),
  importFile: (title: string) => call<ImportOutcome>("import_file", { title }),
  cancelImport: () => call<boolean>("cancel_import"),
  exportFile: (kind: ExportKind, title: string) =>
    call<ExportDone | null>("export_file", { kind, title }),
  openDataFolder: () => call<null>("open_data_folder"),
  switchDatabase: (create: boolean, title: string) =>
    call<Bootstrap | null>("switch_database", { create, title }),
  savePrefs: (prefs: Prefs) => call<Prefs>("save_prefs", { prefs }),
  /** Who logs on this computer (`null`: without a name); kept apart from the settings form. */
  chooseMember: (member: string | null) => call<Prefs>("choose_member", { member }),
  backups: () => call<BackupList>("backups"),
  createBackup: () => call<BackupInfo>("create_backup"),
  restoreBackup: (id: string) => call<Restored>("restore_backup", { id }),
  /** For a file that cannot be opened: the backup into a new file beside it, opened. */
  restoreIntoNewFile: (id: string) => call<Bootstrap>("restore_into_new_file", { id }),
  namedContacts: () => call<number>("named_contacts"),
  setAnonymousOnly: (on: boolean, strip: boolean) =>
    call<AnonymousDone>("set_anonymous_only", { on, strip }),
  retentionPreview: (months: number | null) => call<number>("retention_preview", { months }),
  setStoryRetention: (months: number | null) =>
    call<RetentionDone>("set_story_retention", { months }),
  exportMemberData: (name: string, title: string) =>
    call<MemberExport | null>("export_member_data", { name, title }),
  eraseMember: (name: string) => call<MemberErased>("erase_member", { name }),
  desktopReady: (texts: DesktopTexts) =>
    call<boolean>("desktop_ready", { texts, timings: pageTimings() }),
  review: (query: ReviewQuery, lang: Lang, thisComputer: boolean) =>
    call<ReviewView>("review", { query, lang, thisComputer }),
  drill: (query: ReviewQuery, key: string, thisComputer: boolean) =>
    call<Drill>("drill", { query, key, thisComputer }),
  saveChartPng: (query: ReviewQuery, lang: Lang, chart: ChartId, title: string, thisComputer: boolean) =>
    call<string | null>("save_chart_png", { query, lang, chart, title, thisComputer }),
  saveReport: (query: ReviewQuery, lang: Lang, title: string) =>
    call<string | null>("save_report", { query, lang, title }),
  setFullScreen: (on: boolean) => call<null>("set_full_screen", { on }),
  /** Contacts logged from the tray or a global shortcut; returns the unsubscribe. */
  onContactLogged: (handler: (contact: Contact) => void) =>
    listen<Contact>("contact-logged", (event) => handler(event.payload)),
  onImportProgress: (handler: (progress: ImportProgressEvent) => void) =>
    listen<ImportProgressEvent>("import-progress", (event) => handler(event.payload)),
  onExportProgress: (handler: (progress: ExportProgress) => void) =>
    listen<ExportProgress>("export-progress", (event) => handler(event.payload)),
  /** The day's backup and story retention, done after the start and on each new day. */
  onUpkeep: (handler: (upkeep: Upkeep) => void) =>
    listen<Upkeep>("upkeep", (event) => handler(event.payload)),
  /** The open database turned out damaged. */
  onDatabaseDamaged: (handler: (problem: OpenProblem) => void) =>
    listen<OpenProblem>("database-damaged", (event) => handler(event.payload)),
  // The team's server (issue 13).
  serverStatus: () => call<ServerStatus>("server_status"),
  /** Connects and checks, changing nothing; the URL without the password. */
  testServer: (form: ServerForm) => call<string>("test_server", { form }),
  connectServer: (form: ServerForm) => call<Connected>("connect_server", { form }),
  useLocalFile: () => call<Bootstrap>("use_local_file"),
  /** The local file the upload would read, when there is one. */
  uploadSource: () => call<string | null>("upload_source"),
  uploadToServer: () => call<Uploaded>("upload_to_server"),
  onServerStatus: (handler: (status: ServerStatus) => void) =>
    listen<ServerStatus>("server-status", (event) => handler(event.payload)),
  // ----- suggestions and complaints (issue 14) -----
  feedbackList: (query: ListQuery) => call<FeedbackList>("feedback_list", { query }),
  /** Overdue items today: the navigation's badge. */
  feedbackOverdue: () => call<number>("feedback_overdue"),
  feedbackItem: (which: string) => call<FeedbackItem>("feedback_item", { which }),
  addFeedback: (draft: FeedbackDraft) => call<FeedbackItem>("add_feedback", { draft }),
  advanceFeedback: (which: string, to: FeedbackState, note: string | null) =>
    call<FeedbackItem>("advance_feedback", { which, to, note }),
  feedbackSetup: () => call<FeedbackSetup>("feedback_setup"),
  saveFeedbackSettings: (settings: FeedbackSettings) =>
    call<FeedbackSetup>("save_feedback_settings", { settings }),
  addCause: (name: string) => call<FeedbackSetup>("add_cause", { name }),
  renameCause: (code: string, name: string) => call<FeedbackSetup>("rename_cause", { code, name }),
  setCauseRetired: (code: string, retired: boolean) =>
    call<FeedbackSetup>("set_cause_retired", { code, retired }),
  feedbackStats: (query: StatsQuery, lang: Lang) =>
    call<FeedbackStatsView>("feedback_stats", { query, lang }),
  feedbackDrill: (query: StatsQuery, key: string) =>
    call<FeedbackRow[]>("feedback_drill", { query, key }),
  /** The meeting's step; `since` `null` counts from the last saved meeting. */
  feedbackMeeting: (since: string | null) => call<MeetingFeedbackView>("feedback_meeting", { since }),
  saveFeedbackCards: (lang: Lang, title: string) =>
    call<string | null>("save_feedback_cards", { lang, title }),
  exportFeedback: (kind: ExportKind, title: string) =>
    call<FeedbackExportDone | null>("export_feedback", { kind, title }),
  importFeedback: (title: string) => call<FeedbackImportOutcome>("import_feedback", { title }),
  // The evaluation cycle: goals, measures with their effect, rules, meetings and minutes.
  cycle: (lang: Lang) => call<CycleView>("cycle", { lang }),
  addGoal: (draft: GoalDraft, lang: Lang) => call<CycleView>("add_goal", { draft, lang }),
  endGoal: (id: number, lang: Lang) => call<CycleView>("end_goal", { id, lang }),
  addMeasure: (draft: MeasureDraft, lang: Lang) => call<CycleView>("add_measure", { draft, lang }),
  setMeasureStatus: (id: number, status: MeasureStatus, lang: Lang) =>
    call<CycleView>("set_measure_status", { id, status, lang }),
  addRule: (words: string, lang: Lang) => call<CycleView>("add_rule", { words, lang }),
  rewordRule: (id: number, words: string, lang: Lang) =>
    call<CycleView>("reword_rule", { id, words, lang }),
  retireRule: (id: number, retired: boolean, lang: Lang) =>
    call<CycleView>("retire_rule", { id, retired, lang }),
  meetingAgenda: (lang: Lang) => call<Agenda>("meeting_agenda", { lang }),
  saveMeeting: (draft: MeetingDraft, lang: Lang) => call<Meeting>("save_meeting", { draft, lang }),
  meeting: (id: number) => call<Meeting>("meeting", { id }),
  /** The minutes through a save dialog; the file's path, or `null` when cancelled. */
  saveMinutes: (id: number, kind: MinutesKind, lang: Lang, title: string) =>
    call<string | null>("save_minutes", { id, kind, lang, title }),
};
