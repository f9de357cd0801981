import { describe, expect, it } from "vitest";

import { ApiError, normaliseError } from "../src/lib/api";

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
