import { describe, expect, it } from "vitest";

import type { BackupInfo, BackupReason } from "../src/lib/bindings";
import { messages, translateError } from "../src/lib/i18n";
import {
  backupReasonKey,
  backupTime,
  nameConfirmed,
  newerDataAtRisk,
  newestDaily,
  parseRetention,
  problemKey,
} from "../src/lib/safety";

describe("a database file that cannot be opened", () => {
  it("is explained in words for every reason the backend names, in both languages", () => {
    for (const code of [
      "not_a_database",
      "not_murmelglas",
      "database_too_new",
      "read_only_too_old",
      "database_corrupt",
      "disk_full",
      "cannot_open",
      "migration_failed",
    ]) {
      const key = problemKey(code);
      expect(key).toBe(`problem_db.${code}`);
      expect(messages.de[key].length, code).toBeGreaterThan(20);
      expect(messages.en[key].length, code).toBeGreaterThan(20);
    }
    expect(problemKey("something_new")).toBe("problem_db.other");
    expect(messages.de[problemKey("database_too_new")]).toContain("neueren Murmelglas-Version");
  });

  it("warns that a backup loses newer data only for a newer file", () => {
    expect(newerDataAtRisk("database_too_new")).toBe(true);
    expect(newerDataAtRisk("not_a_database")).toBe(false);
  });

  it("translates the errors the backup and data-protection commands send", () => {
    expect(translateError("de", "database_busy", "x")).toContain("über eine Minute belegt");
    expect(translateError("en", "backup_damaged", "x")).toContain("damaged");
    expect(translateError("de", "disk_full", "x")).toContain("voll");
  });
});

describe("backups as the lists show them", () => {
  const backup = (id: string, reason: BackupReason, created: string): BackupInfo => ({
    id,
    created,
    reason,
    size_bytes: 4096,
    path: `/x/murmelglas-${id}.sqlite3`,
  });

  it("names every reason in both languages", () => {
    for (const reason of [
      "daily",
      "before-migration",
      "before-restore",
      "manual",
      "before-anonymizing",
    ] as BackupReason[]) {
      const key = backupReasonKey(reason);
      expect(messages.de[key], reason).toBeTruthy();
      expect(messages.en[key], reason).toBeTruthy();
    }
    expect(messages.de[backupReasonKey("before-anonymizing")]).toBe("vor dem Entfernen der Namen");
  });

  it("writes the time the German or English way", () => {
    expect(backupTime("de", "2026-12-01T19:30:05")).toBe("01.12.2026, 19:30");
    expect(backupTime("en", "2026-12-01T19:30:05")).toBe("2026-12-01 19:30");
    expect(backupTime("de", "garbage")).toBe("garbage");
  });

  it("finds the newest daily backup in a newest-first list", () => {
    const list = [
      backup("20261202-080000-manual", "manual", "2026-12-02T08:00:00"),
      backup("20261201-090000-daily", "daily", "2026-12-01T09:00:00"),
      backup("20261130-090000-daily", "daily", "2026-11-30T09:00:00"),
    ];
    expect(newestDaily(list)).toBe("20261201-090000-daily");
    expect(newestDaily([])).toBeNull();
  });
});

describe("data protection forms", () => {
  it("erases a member only when their name is typed as it is", () => {
    expect(nameConfirmed("Jürgen", "Jürgen")).toBe(true);
    expect(nameConfirmed("  Jürgen ", "Jürgen")).toBe(true);
    expect(nameConfirmed("jürgen", "Jürgen")).toBe(false);
    expect(nameConfirmed("Jürg", "Jürgen")).toBe(false);
    expect(nameConfirmed("", "")).toBe(false);
  });

  it("takes 1 to 120 months of story retention, or empty for off", () => {
    expect(parseRetention("")).toEqual({ months: null });
    expect(parseRetention(" 6 ")).toEqual({ months: 6 });
    expect(parseRetention("120")).toEqual({ months: 120 });
    expect(parseRetention("0")).toEqual({ error: true });
    expect(parseRetention("121")).toEqual({ error: true });
    expect(parseRetention("6.5")).toEqual({ error: true });
    expect(parseRetention("sechs")).toEqual({ error: true });
  });
});
