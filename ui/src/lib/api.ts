// The one typed door to the Rust side. Components never call `invoke` themselves: every
// command is a function here, and every failure arrives as an `ApiError` with a code.

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";

import type {
  AppError,
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
  HistoryCursor,
  HistoryPage,
  HistoryQuery,
  ImportOutcome,
  JarPeriod,
  JarView,
  Member,
  Prefs,
  Settings,
} from "./bindings";

export class ApiError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
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
    return new ApiError(String(e.code), String(e.message));
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

export const api = {
  bootstrap: () => call<Bootstrap>("bootstrap"),
  logContact: (draft: ContactDraft) => call<Contact>("log_contact", { draft }),
  amendContact: (id: string, draft: ContactDraft) =>
    call<Contact>("amend_contact", { id, draft }),
  undoContact: (id: string) => call<Contact>("undo_contact", { id }),
  jar: (period: JarPeriod, member: string | null) => call<JarView>("jar", { period, member }),
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
  exportFile: (kind: ExportKind, title: string) =>
    call<ExportDone | null>("export_file", { kind, title }),
  openDataFolder: () => call<null>("open_data_folder"),
  switchDatabase: (create: boolean, title: string) =>
    call<Bootstrap | null>("switch_database", { create, title }),
  savePrefs: (prefs: Prefs) => call<Prefs>("save_prefs", { prefs }),
  desktopReady: (texts: DesktopTexts) => call<boolean>("desktop_ready", { texts }),
  review: (query: ReviewQuery, lang: Lang) => call<ReviewView>("review", { query, lang }),
  drill: (query: ReviewQuery, key: string) => call<Drill>("drill", { query, key }),
  saveChartPng: (query: ReviewQuery, lang: Lang, chart: ChartId, title: string) =>
    call<string | null>("save_chart_png", { query, lang, chart, title }),
  saveReport: (query: ReviewQuery, lang: Lang, title: string) =>
    call<string | null>("save_report", { query, lang, title }),
  setFullScreen: (on: boolean) => call<null>("set_full_screen", { on }),
  /** Contacts logged from the tray or a global shortcut; returns the unsubscribe. */
  onContactLogged: (handler: (contact: Contact) => void) =>
    listen<Contact>("contact-logged", (event) => handler(event.payload)),
};
