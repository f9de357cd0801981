import { describe, expect, it } from "vitest";

import { ratingForKey } from "../src/lib/keys";

function key(k: string, target: HTMLElement = document.body, mods: Partial<KeyboardEvent> = {}) {
  return { key: k, ctrlKey: false, altKey: false, metaKey: false, target, ...mods } as KeyboardEvent;
}

describe("one-key logging", () => {
  it("maps G, 1, N and 2 to the ratings", () => {
    expect(ratingForKey(key("g"))).toBe("golden");
    expect(ratingForKey(key("G"))).toBe("golden");
    expect(ratingForKey(key("1"))).toBe("golden");
    expect(ratingForKey(key("n"))).toBe("ordinary");
    expect(ratingForKey(key("2"))).toBe("ordinary");
    expect(ratingForKey(key("x"))).toBeNull();
  });

  it("ignores keys with modifiers, which belong to other shortcuts", () => {
    expect(ratingForKey(key("g", document.body, { ctrlKey: true }))).toBeNull();
    expect(ratingForKey(key("n", document.body, { altKey: true }))).toBeNull();
  });

  it("ignores typing in text fields but not on buttons", () => {
    const textarea = document.createElement("textarea");
    const text = document.createElement("input");
    const checkbox = document.createElement("input");
    checkbox.type = "checkbox";
    const button = document.createElement("button");
    expect(ratingForKey(key("g", textarea))).toBeNull();
    expect(ratingForKey(key("g", text))).toBeNull();
    expect(ratingForKey(key("g", checkbox))).toBe("golden");
    expect(ratingForKey(key("n", button))).toBe("ordinary");
  });
});
