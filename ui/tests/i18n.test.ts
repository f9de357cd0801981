import { describe, expect, it } from "vitest";

import type { ErrorCode, ProblemCode } from "../src/lib/bindings";

import { messages, percent, translate, translateError, translateProblem } from "../src/lib/i18n";

describe("translation table", () => {
  it("has every German key in English and no empty text", () => {
    const de = Object.keys(messages.de).sort();
    const en = Object.keys(messages.en).sort();
    expect(en).toEqual(de);
    for (const lang of ["de", "en"] as const) {
      for (const [key, text] of Object.entries(messages[lang])) {
        expect(text.trim(), `${lang}:${key}`).not.toBe("");
      }
    }
  });

  it("uses the same placeholders in both languages", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(messages.de) as (keyof typeof messages.de)[]) {
      expect(placeholders(messages.en[key]), key).toEqual(placeholders(messages.de[key]));
    }
  });

  it("fills placeholders and keeps unknown ones visible", () => {
    expect(translate("de", "jar.aria", { golden: 3, ordinary: 2 })).toBe(
      "Glas mit 3 goldenen und 2 dunklen Murmeln",
    );
    expect(translate("en", "jar.aria", { golden: 3 })).toBe(
      "Jar with 3 golden and {ordinary} dark marbles",
    );
  });

  it("translates known error codes and falls back to the message", () => {
    expect(translateError("de", "nothing_to_undo", "x")).toBe(
      "Es gibt nichts mehr rückgängig zu machen.",
    );
    // A code from outside the types (another version's backend) still says something.
    expect(translateError("en", "something_new" as ErrorCode, "disk full")).toBe("That did not work: disk full");
  });

  it("writes percentages without decimals", () => {
    expect(percent("de", 0.6049)).toBe("60");
    expect(percent("en", 0.005)).toBe("1");
  });
});

describe("import problems", () => {
  it("says what is wrong with a row in the window's language, with the values", () => {
    const problem = {
      code: "unknown_code" as const,
      params: { value: "fax", valid: "phone (Telefon), email (E-Mail)" },
      message: "unknown channel 'fax'",
    };
    expect(translateProblem("de", problem)).toBe(
      "Unbekannter Wert „fax“. Gültig sind: phone (Telefon), email (E-Mail).",
    );
    expect(translateProblem("en", problem)).toBe(
      "Unknown value 'fax'. Valid are: phone (Telefon), email (E-Mail).",
    );
    expect(
      translateProblem("de", {
        code: "too_many_fields",
        params: { fields: "6", header: "5" },
        message: "the row has 6 fields but the header only 5",
      }),
    ).toBe("Die Zeile hat 6 Felder, die Kopfzeile nur 5.");
    const unknown = { code: "from_the_future" as ProblemCode, params: {}, message: "new problem" };
    expect(translateProblem("de", unknown)).toBe("new problem");
  });
});
