import { describe, expect, it, vi } from "vitest";

import earlyScript from "../public/early.js?raw";
import { ApiError, answered, api, normaliseError, takeEarlyStart } from "../src/lib/api";
import { mark } from "../src/lib/timings";

// Tauri's invoke: the start script must not need it.
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

describe("the start script (public/early.js, src-tauri/src/start_script.rs)", () => {
  /** Runs public/early.js as the page does, against a stand-in for Tauri's internals;
   * returns what it wrote into the page. */
  function runEarlyScript(internals: Record<string, unknown> | undefined): string[] {
    const written: string[] = [];
    const write = vi.spyOn(document, "write").mockImplementation((...text: string[]) => {
      written.push(text.join(""));
    });
    const holder = window as unknown as Record<string, unknown>;
    holder.__TAURI_INTERNALS__ = internals;
    try {
      new Function(earlyScript)();
    } finally {
      delete holder.__TAURI_INTERNALS__;
      write.mockRestore();
    }
    return written;
  }

  it("writes the script's tag at the address Tauri gives the scheme on this platform", () => {
    const asked: [string, string][] = [];
    const written = runEarlyScript({
      convertFileSrc: (path: string, protocol: string) => {
        asked.push([path, protocol]);
        return `http://${protocol}.localhost/${path}`;
      },
    });
    expect(asked).toEqual([["start.js", "murmelglas-start"]]);
    expect(written).toEqual(['<script src="http://murmelglas-start.localhost/start.js"></script>']);
    // The page asks no command itself: the script brings both answers.
    expect(invoke).not.toHaveBeenCalled();
  });

  it("writes nothing outside Tauri", () => {
    expect(runEarlyScript(undefined)).toEqual([]);
    expect(runEarlyScript({})).toEqual([]);
  });

  it("hands its data over once", () => {
    const data = {
      bootstrap: { ok: { status: "ready" } },
      jar: { ok: { from: "2026-12-02", to: "2026-12-02" } },
    };
    (window as unknown as Record<string, unknown>).__murmelglasStart = data;
    expect(takeEarlyStart()).toEqual(data);
    // For the first start only: a restart after switching files asks anew.
    expect(takeEarlyStart()).toBeNull();
  });

  it("gives an answer's value, or its error as an ApiError with the Rust side's code", () => {
    expect(answered({ ok: 42 })).toBe(42);
    let failed: unknown;
    try {
      answered({ err: { code: "server_unreachable", message: "no answer" } });
    } catch (e) {
      failed = e;
    }
    expect(failed).toBeInstanceOf(ApiError);
    expect((failed as ApiError).code).toBe("server_unreachable");
    expect((failed as ApiError).message).toBe("no answer");
  });

  it("is nothing where the script did not run", () => {
    expect(takeEarlyStart()).toBeNull();
  });
});

describe("the start's timings", () => {
  it("go with desktop_ready as [name, ms] pairs, in the order they were set", async () => {
    performance.clearMarks();
    mark("early");
    mark("module");
    invoke.mockClear();
    await api.desktopReady({
      golden: "",
      ordinary: "",
      open: "",
      quit: "",
      logged_golden: "",
      logged_ordinary: "",
      today: "",
      reminder_title: "",
      reminder_body: "",
    });
    const call = invoke.mock.calls.at(0);
    expect(call?.[0]).toBe("desktop_ready");
    const timings = (call?.[1] as { timings: [string, number][] }).timings;
    expect(timings.map(([name]) => name)).toEqual(["early", "module"]);
    const times = timings.map(([, ms]) => ms);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
