import { describe, expect, it } from "vitest";

import { exportFraction, fileSize, importFraction, percentText } from "../src/lib/progress";

describe("import and export progress", () => {
  it("fills the bar from the bytes read, or not at all when the size is unknown", () => {
    const p = { file: "a.csv", rows: 10, bytes: 250, total_bytes: 1_000 };
    expect(importFraction(p)).toBe(0.25);
    expect(importFraction({ ...p, bytes: 1_200 })).toBe(1);
    expect(importFraction({ ...p, total_bytes: null })).toBeNull();
    expect(importFraction({ ...p, total_bytes: 0 })).toBeNull();
  });

  it("fills the export's bar from the contacts written of all", () => {
    expect(exportFraction({ file: "x.json", rows: 500_000, total: 1_000_000 })).toBe(0.5);
    expect(exportFraction({ file: "x.json", rows: 0, total: 0 })).toBeNull();
  });

  it("writes the percentage without rounding up to a false 100 %", () => {
    expect(percentText("de", 0.999)).toBe("99 %");
    expect(percentText("en", 1)).toBe("100 %");
    expect(percentText("de", null)).toBe("");
  });

  it("writes file sizes the German or English way", () => {
    expect(fileSize("de", 512)).toBe("512 Bytes");
    expect(fileSize("en", 512)).toBe("512 bytes");
    expect(fileSize("de", 1_450_000)).toBe("1,5 MB");
    expect(fileSize("en", 1_450_000)).toBe("1.5 MB");
    expect(fileSize("de", 812_400)).toBe("812 kB");
    expect(fileSize("en", 2_500_000_000)).toBe("2.5 GB");
  });
});
