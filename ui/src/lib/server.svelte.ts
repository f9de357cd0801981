// The team's server as the window sees it: whether the data lives there, whether it
// answers, and which logged contacts wait on this computer for it (the outbox). The
// Rust side tells changes with the `server-status` event; the window asks after a log.

import type { Rating, ServerForm, ServerStatus, TlsMode } from "./bindings";
import type { MessageKey } from "./i18n";

export const server = $state<ServerStatus>({ url: null, offline: false, waiting: [] });

export function applyStatus(next: ServerStatus) {
  server.url = next.url;
  server.offline = next.offline;
  server.waiting = next.waiting;
}

/** Whether an error only says the server did not answer (the banner says that already). */
export function isUnreachable(e: unknown): boolean {
  return typeof e === "object" && e !== null && "code" in e && (e as { code: string }).code === "server_unreachable";
}

/** The form for a URL the preferences keep (`postgres://user@host:port/db?sslmode=…`). */
export function formOf(url: string | null): ServerForm {
  const empty: ServerForm = { host: "", port: 5432, database: "", user: "", password: "", tls: "prefer" };
  const parts = url?.match(/^postgres(?:ql)?:\/\/(?:([^@/?]*)@)?([^:/?]+)(?::(\d+))?\/([^?]*)(?:\?(.*))?$/);
  if (!parts) return empty;
  const [, user = "", host = "", port, database = "", query = ""] = parts;
  const mode = /(?:^|&)sslmode=([a-z-]+)/.exec(query)?.[1];
  const tls: TlsMode = mode === "disable" || mode === "require" ? mode : "prefer";
  try {
    return {
      host,
      port: port ? Number(port) : 5432,
      database: decodeURIComponent(database),
      user: decodeURIComponent(user.split(":")[0] ?? ""),
      password: "",
      tls,
    };
  } catch {
    return empty;
  }
}

/** The pending notice's words for the contacts that wait for the server. */
export function waitingText(waiting: Rating[]): { key: MessageKey; params: Record<string, number> } {
  const golden = waiting.filter((r) => r === "golden").length;
  return {
    key: waiting.length === 1 ? "server.waiting_one" : "server.waiting_many",
    params: { count: waiting.length, golden, ordinary: waiting.length - golden },
  };
}
