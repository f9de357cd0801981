import { describe, expect, it } from "vitest";

import { afterLogging, emptyDetails, hasDetails, toDraft, toggle } from "../src/lib/details";

describe("contact details", () => {
  it("become a draft; a blank story is no story and cannot be shared", () => {
    const details = { ...emptyDetails("phone"), note: "   ", share: true, nps: 9 };
    const draft = toDraft("golden", details, "Anna");
    expect(draft).toMatchObject({
      rating: "golden",
      member: "Anna",
      channel: "phone",
      note: null,
      share_in_review: false,
      nps: 9,
    });
  });

  it("carry this computer's place, and none when it is blank", () => {
    expect(toDraft("golden", emptyDetails(null), null, " Filiale Markt ").place).toBe("Filiale Markt");
    expect(toDraft("golden", emptyDetails(null), null, "  ").place).toBeNull();
    expect(toDraft("golden", emptyDetails(null), null).place).toBeNull();
  });

  it("keep only the channel after logging", () => {
    const details = {
      ...emptyDetails("email"),
      motives: ["speed" as const],
      note: "x",
      share: true,
      nps: 3,
    };
    expect(hasDetails(details)).toBe(true);
    const next = afterLogging(details);
    expect(next).toEqual(emptyDetails("email"));
    expect(hasDetails(next)).toBe(false);
  });

  it("send what got in the way with an 08/15 contact only", () => {
    const details = { ...emptyDetails(null), obstacles: ["lack-of-time" as const, "mood" as const] };
    expect(hasDetails(details)).toBe(true);
    expect(toDraft("ordinary", details, null).obstacles).toEqual(["lack-of-time", "mood"]);
    expect(toDraft("golden", details, null).obstacles).toEqual([]);
    expect(afterLogging(details).obstacles).toEqual([]);
  });

  it("toggle tags in the vocabulary's order", () => {
    const order = ["individuality", "simplicity", "speed"];
    expect(toggle(["speed"], "individuality", order)).toEqual(["individuality", "speed"]);
    expect(toggle(["individuality", "speed"], "speed", order)).toEqual(["individuality"]);
  });
});
