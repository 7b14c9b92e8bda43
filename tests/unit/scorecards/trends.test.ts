import { describe, expect, it } from "vitest";
import { formatChange, scoreChange, toTrendPoints } from "@/lib/scorecards/domain/trends";
import { parseTrendPeriod } from "@/lib/core/period";

const NOW = new Date("2026-11-27T15:00:00Z");

describe("trend periods", () => {
  it("reads ?period= and falls back to 90 days", () => {
    expect(parseTrendPeriod({ period: "30d" }, NOW)).toMatchObject({ key: "30d", days: 30, since: "since last month" });
    const fallback = parseTrendPeriod({ period: "7y" }, NOW);
    expect(fallback).toMatchObject({ key: "90d", since: "since last quarter" });
    expect(fallback.to.toISOString()).toBe("2026-11-27T00:00:00.000Z");
    expect(fallback.from.toISOString()).toBe("2026-08-29T00:00:00.000Z");
  });

  it("compares the latest score with the period's first", () => {
    expect(scoreChange([{ score: 50 }, { score: 58 }, { score: 62.35 }])).toBe(12.4);
    expect(scoreChange([{ score: 50 }])).toBeNull();
    expect(formatChange(12.4, "since last quarter")).toBe("+12.4 since last quarter");
    expect(formatChange(-3, "since last month")).toBe("−3 since last month");
    expect(formatChange(null, "x")).toBe("not enough history yet");
  });

  it("turns snapshots into chart rows (hours, percent, one level for a service)", () => {
    const [row] = toTrendPoints([
      {
        day: "2026-11-01",
        score: 70,
        level: "silver",
        budgetCompliance: 100,
        dora: { deployDaysPerWeek: 4, leadTimeMinutes: 90, changeFailureRate: 0.125, recoveryMinutes: null },
      },
    ]);
    expect(row).toEqual({
      day: "2026-11-01",
      score: 70,
      none: 0,
      bronze: 0,
      silver: 1,
      gold: 0,
      budgetCompliance: 100,
      deployDaysPerWeek: 4,
      leadTimeHours: 1.5,
      cfrPercent: 12.5,
      recoveryHours: null,
    });
  });
});
