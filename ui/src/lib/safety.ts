// Words for the data-safety screens: why a database file cannot be opened, why a backup
// was made, when, and how big it is.

import type { BackupInfo, BackupReason } from "./bindings";
import type { Language, MessageKey } from "./i18n";

/** Problems the start screen explains in its own words; others show SQLite's message. */
const PROBLEMS = [
  "not_a_database",
  "not_murmelglas",
  "database_too_new",
  "read_only_too_old",
  "database_corrupt",
  "disk_full",
  "cannot_open",
  "cannot_create_folder",
  "migration_failed",
  "backup_before_migration",
  "read_only",
  "io_error",
  "no_data_dir",
] as const;

export type ProblemCode = (typeof PROBLEMS)[number];

/** The start screen's explanation of a problem code. */
export function problemKey(code: string): MessageKey {
  return (PROBLEMS as readonly string[]).includes(code)
    ? (`problem_db.${code as ProblemCode}` as MessageKey)
    : "problem_db.other";
}

/** Whether restoring an older backup over this problem could lose newer data (a file from
 * a newer Murmelglas): the screen says so next to the backups. */
export function newerDataAtRisk(code: string): boolean {
  return code === "database_too_new";
}

export function backupReasonKey(reason: BackupReason): MessageKey {
  return `backup.reason_${reason.replaceAll("-", "_")}` as MessageKey;
}

/** "01.12.2026, 19:30" or "2026-12-01 19:30" from the backup's local time. */
export function backupTime(lang: Language, created: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(created);
  if (!m) return created;
  const [, y, mo, d, h, mi] = m;
  return lang === "de" ? `${d}.${mo}.${y}, ${h}:${mi}` : `${y}-${mo}-${d} ${h}:${mi}`;
}

/** Backups newest first (as the backend lists them), the newest daily one marked. */
export function newestDaily(backups: BackupInfo[]): string | null {
  return backups.find((b) => b.reason === "daily")?.id ?? null;
}

/** Whether the text typed into the erase dialog is the member's name (spaces around it
 * do not count, case does: the name must be meant). */
export function nameConfirmed(typed: string, name: string): boolean {
  return typed.trim() === name.trim() && name.trim() !== "";
}

/** The retention field's value as the backend takes it: months 1–120, or off. */
export function parseRetention(text: string): { months: number | null } | { error: true } {
  const t = text.trim();
  if (t === "") return { months: null };
  if (!/^\d+$/.test(t)) return { error: true };
  const n = Number(t);
  return n >= 1 && n <= 120 ? { months: n } : { error: true };
}
