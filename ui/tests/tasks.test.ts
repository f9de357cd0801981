import { beforeEach, describe, expect, it, vi } from "vitest";

import type { ImportOutcome, ImportProgressEvent } from "../src/lib/bindings";

// The Rust side, played by the test: the import's answer and its progress events.
const backend = vi.hoisted(() => ({
  finishImport: null as ((outcome: ImportOutcome) => void) | null,
  progress: null as ((p: ImportProgressEvent) => void) | null,
  cancelled: 0,
}));

vi.mock("../src/lib/api", () => ({
  api: {
    importFile: () =>
      new Promise<ImportOutcome>((resolve) => {
        backend.finishImport = resolve;
      }),
    cancelImport: async () => {
      backend.cancelled += 1;
      return true;
    },
    exportFile: async () => null,
    onImportProgress: async (handler: (p: ImportProgressEvent) => void) => {
      backend.progress = handler;
      return () => {
        backend.progress = null;
      };
    },
    onExportProgress: async () => () => undefined,
  },
}));

const { cancelImport, listenToTasks, runImport, tasks } = await import("../src/lib/tasks.svelte");

const progress = (rows: number): ImportProgressEvent => ({
  file: "/tmp/big.csv",
  rows,
  bytes: rows * 40,
  total_bytes: 8_000_000,
});

describe("a running import", () => {
  beforeEach(() => {
    backend.cancelled = 0;
    tasks.clearImportOutcome();
  });

  it("is running only once it reads, shows its progress and ends with its outcome", async () => {
    const stop = await listenToTasks();
    const done = runImport("Kontakte importieren");
    // The file dialog is open: something is busy, but nothing is imported yet.
    expect(tasks.busy).toBe(true);
    expect(tasks.importRunning).toBe(false);
    backend.progress?.(progress(0));
    expect(tasks.importRunning).toBe(true);
    backend.progress?.(progress(50_000));
    expect(tasks.importTask?.progress?.rows).toBe(50_000);

    await cancelImport();
    expect(backend.cancelled).toBe(1);
    expect(tasks.importTask?.cancelling).toBe(true);

    backend.finishImport?.({ status: "stopped", file: "/tmp/big.csv" });
    await expect(done).resolves.toEqual({ status: "stopped", file: "/tmp/big.csv" });
    expect(tasks.importRunning).toBe(false);
    expect(tasks.busy).toBe(false);
    expect(tasks.importOutcome).toEqual({ status: "stopped", file: "/tmp/big.csv" });

    // A progress event that arrives after the end does not bring the import back.
    backend.progress?.(progress(60_000));
    expect(tasks.importRunning).toBe(false);
    stop();
  });

  it("keeps no outcome when the dialog was closed", async () => {
    const done = runImport("Kontakte importieren");
    backend.finishImport?.({ status: "cancelled" });
    await done;
    expect(tasks.importOutcome).toBeNull();
    expect(tasks.busy).toBe(false);
  });

  it("does nothing when asked to cancel with no import running", async () => {
    await cancelImport();
    expect(backend.cancelled).toBe(0);
  });
});
