import { describe, expect, it, vi } from "vitest";

import earlyScript from "../public/early.js?raw";
import { ApiError, api, normaliseError, takeEarlyStart } from "../src/lib/api";

// The app's own requests, to hold the early script's against.
const invoke = vi.hoisted(() =>
  vi.fn<(command: string, args?: unknown) => Promise<unknown>>(async () => ({})),
);
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

describe("errors from the backend", () => {
  it("keeps the code and message of the Rust error shape", () => {
    const e = normaliseError({ code: "nothing_to_undo", message: "nothing to undo" });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe("nothing_to_undo");
    expect(e.message).toBe("nothing to undo");
  });

  it("wraps anything else as an internal error", () => {
    expect(normaliseError("IPC failed").code).toBe("internal");
    expect(normaliseError(new Error("boom")).message).toBe("boom");
  });
});

describe("the start's early requests (public/early.js)", () => {
  /** Runs public/early.js as the page does, against a stand-in for Tauri's IPC. */
  function runEarlyScript(answers: Record<string, () => Promise<unknown>>) {
    const asked: { command: string; args: unknown }[] = [];
    const holder = window as unknown as Record<string, unknown>;
    holder.__TAURI_INTERNALS__ = {
      invoke: (command: string, args?: unknown) => {
        asked.push({ command, args });
        const answer = answers[command];
        if (!answer) throw new Error(`unexpected command ${command}`);
        return answer();
      },
    };
    new Function(earlyScript)();
    delete holder.__TAURI_INTERNALS__;
    return asked;
  }

  it("asks for the start data and today's team jar, and hands them over once", async () => {
    const asked = runEarlyScript({
      bootstrap: async () => ({ status: "ready" }),
      jar: async () => ({ period: "today" }),
    });
    // The same requests as the app's own at the start: the team's jar of today.
    await api.bootstrap();
    await api.jar("today", null, false);
    expect(invoke.mock.calls).toEqual([
      ["bootstrap", undefined],
      ["jar", { period: "today", member: null, thisComputer: false }],
    ]);
    expect(asked.map((a) => [a.command, a.args])).toEqual(invoke.mock.calls);
    const early = takeEarlyStart();
    expect(early).not.toBeNull();
    await expect(early?.bootstrap).resolves.toEqual({ status: "ready" });
    await expect(early?.jar).resolves.toEqual({ period: "today" });
    // For the first start only: a restart after switching files asks anew.
    expect(takeEarlyStart()).toBeNull();
  });

  it("fails as an ApiError with the Rust side's code", async () => {
    runEarlyScript({
      bootstrap: async () => ({ status: "ready" }),
      jar: () => Promise.reject({ code: "server_unreachable", message: "no answer" }),
    });
    const early = takeEarlyStart();
    const failed = await early?.jar.catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ApiError);
    expect((failed as ApiError).code).toBe("server_unreachable");
  });

  it("is nothing where the script did not run", () => {
    expect(takeEarlyStart()).toBeNull();
  });
});
