import { describe, expect, it } from "vitest";
import { burnUp, meetsTarget, schedule, targetGaps } from "@/lib/scorecards/domain/initiative";

const rules = [
  { rule: "runbook", pass: true, message: "runbook URL is set" },
  { rule: "on-call", pass: false, message: "no on-call in the catalog", name: "On-call rotation set" },
];

describe("initiative targets", () => {
  it("needs the level at least, and every listed rule passing", () => {
    expect(meetsTarget({ level: "gold", rules }, { targetLevel: "silver", ruleKeys: [] })).toBe(true);
    expect(targetGaps({ level: "bronze", rules }, { targetLevel: "silver", ruleKeys: [] })).toEqual([
      "is bronze, needs silver",
    ]);
    expect(targetGaps({ level: "gold", rules }, { targetLevel: null, ruleKeys: ["runbook", "on-call"] })).toEqual([
      "On-call rotation set: no on-call in the catalog",
    ]);
    expect(targetGaps({ level: "none", rules }, { targetLevel: "bronze", ruleKeys: ["gone"] })).toEqual([
      "is below bronze, needs bronze",
      'rule "gone": no data',
    ]);
  });

  it("burn-up: done per day, the scope, and an even pace from the start to the target date", () => {
    const start = new Date("2026-01-01T00:00:00Z");
    const target = new Date("2026-01-11T00:00:00Z");
    const points = burnUp(
      ["2026-01-01", "2026-01-06", "2026-01-11", "2026-01-12"],
      new Map([
        ["2026-01-01", 2],
        ["2026-01-06", 4],
        ["2026-01-12", 9],
      ]),
      12,
      start,
      target,
    );
    expect(points.map((p) => p.ideal)).toEqual([2, 7, 12, 12]);
    expect(points.map((p) => p.done)).toEqual([2, 4, null, 9]);
    expect(points.every((p) => p.scope === 12)).toBe(true);
  });

  it("is overdue after the target date unless complete", () => {
    const due = new Date("2026-03-01T00:00:00Z");
    expect(schedule(due, 3, 10, new Date("2026-02-20T00:00:00Z"))).toEqual({
      daysLeft: 9,
      overdue: false,
      complete: false,
    });
    expect(schedule(due, 3, 10, new Date("2026-03-04T00:00:00Z"))).toMatchObject({
      overdue: true,
      complete: false,
      daysLeft: -3,
    });
    expect(schedule(due, 10, 10, new Date("2026-03-04T00:00:00Z"))).toMatchObject({ overdue: false, complete: true });
  });
});
