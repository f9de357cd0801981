// Long jobs that outlive the view that started them: an import and an export run on the
// Rust side while the person goes on logging. Their progress arrives as events; the state
// lives here, so the settings view shows it again after a visit to another view, and the
// start screen knows when a contact waits for an import.

import { api } from "./api";
import type { ExportDone, ExportKind, ExportProgress, ImportOutcome, ImportProgressEvent } from "./bindings";

interface ImportTask {
  /** `null` while the file dialog is open. */
  progress: ImportProgressEvent | null;
  cancelling: boolean;
}

let importTask = $state<ImportTask | null>(null);
let importOutcome = $state<ImportOutcome | null>(null);
let exportTask = $state<{ progress: ExportProgress | null } | null>(null);

export const tasks = {
  get importTask(): ImportTask | null {
    return importTask;
  },
  /** An import is reading and writing (not just choosing its file). */
  get importRunning(): boolean {
    return importTask?.progress != null;
  },
  get importOutcome(): ImportOutcome | null {
    return importOutcome;
  },
  get exportProgress(): ExportProgress | null {
    return exportTask?.progress ?? null;
  },
  get busy(): boolean {
    return importTask !== null || exportTask !== null;
  },
  clearImportOutcome(): void {
    importOutcome = null;
  },
};

/** Takes the Rust side's progress events; returns the unsubscribe. Progress of a job that
 * has ended already (a late event) is dropped. */
export async function listenToTasks(): Promise<() => void> {
  const [stopImport, stopExport] = await Promise.all([
    api.onImportProgress((p) => {
      if (importTask) importTask.progress = p;
    }),
    api.onExportProgress((p) => {
      if (exportTask) exportTask.progress = p;
    }),
  ]);
  return () => {
    stopImport();
    stopExport();
  };
}

/** Chooses a file and imports it; the outcome stays in `tasks.importOutcome`. */
export async function runImport(title: string): Promise<ImportOutcome> {
  importTask = { progress: null, cancelling: false };
  importOutcome = null;
  try {
    const outcome = await api.importFile(title);
    importOutcome = outcome.status === "cancelled" ? null : outcome;
    return outcome;
  } finally {
    importTask = null;
  }
}

/** Asks the running import to stop; it then writes nothing. */
export async function cancelImport(): Promise<void> {
  if (!importTask) return;
  importTask.cancelling = true;
  await api.cancelImport();
}

export async function runExport(kind: ExportKind, title: string): Promise<ExportDone | null> {
  exportTask = { progress: null };
  try {
    return await api.exportFile(kind, title);
  } finally {
    exportTask = null;
  }
}
