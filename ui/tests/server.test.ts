import { describe, expect, it } from "vitest";

import { formOf, isUnreachable, waitingText } from "../src/lib/server.svelte";

describe("the team server", () => {
  it("fills the form from the URL the preferences keep", () => {
    expect(formOf("postgres://filiale%20markt@db.example.org:5433/team%2Da?sslmode=require")).toEqual({
      host: "db.example.org",
      port: 5433,
      database: "team-a",
      user: "filiale markt",
      password: "",
      tls: "require",
    });
    expect(formOf("postgresql://ana@127.0.0.1/team").tls).toBe("prefer");
    expect(formOf("/home/ana/murmelglas.sqlite3").host).toBe("");
    expect(formOf(null).port).toBe(5432);
  });

  it("tells an unanswered server from other errors", () => {
    expect(isUnreachable({ code: "server_unreachable", message: "x" })).toBe(true);
    expect(isUnreachable({ code: "server_login", message: "x" })).toBe(false);
    expect(isUnreachable(new Error("x"))).toBe(false);
  });

  it("counts the waiting contacts in words", () => {
    expect(waitingText(["golden"])).toEqual({
      key: "server.waiting_one",
      params: { count: 1, golden: 1, ordinary: 0 },
    });
    expect(waitingText(["golden", "ordinary", "ordinary"]).params).toEqual({
      count: 3,
      golden: 1,
      ordinary: 2,
    });
  });
});
