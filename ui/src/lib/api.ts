// The one typed door to the Rust side. Components never call `invoke` themselves: every
// command is a function here, and every failure arrives as an `ApiError` with a code.

import { invoke } from "@tauri-apps/api/core";

import type {
  AppError,
  Bootstrap,
  Contact,
  ContactDraft,
  JarPeriod,
  JarView,
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
};
