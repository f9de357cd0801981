import { describe, expect, it } from "vitest";

import { JAR_INSIDE, layoutMarbles, marbleSequence, MAX_DRAWN, radiusFor } from "../src/lib/jar";

describe("marble sequence", () => {
  it("holds exactly the counts, evenly mixed", () => {
    const seq = marbleSequence(6, 3);
    expect(seq.filter((r) => r === "golden")).toHaveLength(6);
    expect(seq.filter((r) => r === "ordinary")).toHaveLength(3);
    expect(seq.join(",")).not.toMatch(/(golden,){4}/);
  });

  it("puts the marble just logged on top", () => {
    expect(marbleSequence(2, 5, "golden").at(-1)).toBe("golden");
    expect(marbleSequence(5, 1, "ordinary").at(-1)).toBe("ordinary");
    expect(marbleSequence(0, 0, "golden")).toEqual([]);
  });

  it("keeps the pile below when one more marble comes", () => {
    const before = marbleSequence(4, 4);
    const after = marbleSequence(5, 4, "golden");
    expect(after.slice(0, before.length)).toEqual(before);
  });
});

describe("layout", () => {
  for (const count of [1, 7, 40, 150, MAX_DRAWN]) {
    it(`keeps ${count} marbles inside the glass without overlapping`, () => {
      const marbles = layoutMarbles(marbleSequence(count, 0));
      expect(marbles).toHaveLength(count);
      for (const m of marbles) {
        expect(m.x - m.r).toBeGreaterThanOrEqual(JAR_INSIDE.left - m.r * 0.15);
        expect(m.x + m.r).toBeLessThanOrEqual(JAR_INSIDE.right + m.r * 0.15);
        expect(m.y + m.r).toBeLessThanOrEqual(JAR_INSIDE.bottom + m.r * 0.15);
        expect(m.y - m.r).toBeGreaterThanOrEqual(JAR_INSIDE.top - m.r * 0.15);
      }
      for (let i = 0; i < marbles.length; i += 1) {
        for (let j = i + 1; j < marbles.length; j += 1) {
          const a = marbles[i]!;
          const b = marbles[j]!;
          expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(a.r * 1.6);
        }
      }
    });
  }

  it("draws at most MAX_DRAWN marbles and shrinks them as the jar fills", () => {
    expect(layoutMarbles(marbleSequence(1000, 0))).toHaveLength(MAX_DRAWN);
    expect(radiusFor(5)).toBeGreaterThan(radiusFor(200));
  });
});
