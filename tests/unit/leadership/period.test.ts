import { describe, expect, it } from "vitest";
import { drillWindow } from "@/lib/leadership/domain/drill";
import { headlineChange, rankTeams, type TeamMetricRow } from "@/lib/leadership/domain/metrics";
import { parseLeadershipPeriod, recentPeriods } from "@/lib/core/period";

const now = new Date("2026-11-27T15:00:00Z");
const day = (d: Date) => d.toISOString().slice(0, 10);

describe("leadership periods", () => {
  it("defaults to this quarter to date, compared with the same number of days of the previous quarter", () => {
    const p = parseLeadershipPeriod({}, now);
    expect(p.key).toBe("quarter");
    expect([day(p.window.from), day(p.window.to)]).toEqual(["2026-10-01", "2026-11-28"]);
    expect([day(p.previous.from), day(p.previous.to)]).toEqual(["2026-07-01", "2026-08-28"]);
    expect(p.label).toBe("This quarter (2026-Q4) to date");
    expect(p.months).toEqual(["2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
  });

  it("reads named quarters, halves and years, with the previous one for comparison", () => {
    const q = parseLeadershipPeriod({ period: "2026-Q3" }, now);
    expect([
      q.key,
      day(q.window.from),
      day(q.window.to),
      day(q.previous.from),
      day(q.previous.to),
      q.previousLabel,
    ]).toEqual(["2026-Q3", "2026-07-01", "2026-10-01", "2026-04-01", "2026-07-01", "2026-Q2"]);
    expect(q.months).toEqual(["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09"]);
    expect(parseLeadershipPeriod({ period: "2026-Q1" }, now).previousLabel).toBe("2025-Q4");
    const h = parseLeadershipPeriod({ period: "2026-H1" }, now);
    expect([day(h.window.from), day(h.window.to), day(h.previous.from)]).toEqual([
      "2026-01-01",
      "2026-07-01",
      "2025-07-01",
    ]);
    const y = parseLeadershipPeriod({ period: "2025" }, now);
    expect([day(y.window.from), day(y.window.to), y.previousLabel]).toEqual(["2025-01-01", "2026-01-01", "2024"]);
  });

  it("takes custom dates with `to` inclusive, and falls back to this quarter on nonsense or the future", () => {
    const c = parseLeadershipPeriod({ period: "custom", from: "2026-09-01", to: "2026-09-30" }, now);
    expect([c.key, day(c.window.to), day(c.previous.from), day(c.previous.to)]).toEqual([
      "custom",
      "2026-10-01",
      "2026-08-02",
      "2026-09-01",
    ]);
    expect(parseLeadershipPeriod({ period: "custom", from: "2026-09-30", to: "2026-09-01" }, now).key).toBe("quarter");
    expect(parseLeadershipPeriod({ period: "2027-Q1" }, now).key).toBe("quarter");
    expect(parseLeadershipPeriod({ period: "drop table" }, now).key).toBe("quarter");
    expect(parseLeadershipPeriod({ period: "half" }, now).label).toBe("This half (2026-H2) to date");
  });

  it("offers the recent complete periods", () => {
    expect(recentPeriods(now)).toEqual(["2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4", "2026-H1", "2025-H2", "2025"]);
  });

  it("drills into one month of the charts, or the whole period", () => {
    const p = parseLeadershipPeriod({ period: "2026-Q3" }, now);
    const m = drillWindow(p, "2026-05");
    expect([day(m.window.from), day(m.window.to), m.label]).toEqual(["2026-05-01", "2026-06-01", "in May 2026"]);
    expect(drillWindow(p, "1999-01").month).toBeNull();
  });
});

describe("leadership metrics", () => {
  const row = (name: string, coverage: number | null, changeFailureRate: number | null): TeamMetricRow => ({
    slug: name,
    name,
    services: 1,
    scoreStart: null,
    scoreEnd: null,
    scoreChange: null,
    coverage,
    deployments: 0,
    deployDaysPerWeek: null,
    leadTimeMinutes: null,
    changeFailureRate,
    recoveryMinutes: null,
    incidents: 0,
    downtimeMinutes: 0,
    budgetCompliance: null,
  });
  const rows = [row("a", 0.5, 0.1), row("b", null, 0.3), row("c", 0.2, null)];

  it("ranks teams worst first for the metric, teams without data last", () => {
    expect(rankTeams(rows, "coverage").map((r) => r.name)).toEqual(["c", "a", "b"]);
    expect(rankTeams(rows, "cfr").map((r) => r.name)).toEqual(["b", "a", "c"]);
  });

  it("says whether a change is good news, by the metric's direction", () => {
    expect(headlineChange(0.6, 0.5, "pct", "up")).toEqual({ text: "+10.0 pts", good: true });
    expect(headlineChange(120, 100, "minutes", "down")).toEqual({ text: "+20%", good: false });
    expect(headlineChange(null, 100, "count", "up")).toEqual({ text: "no comparison", good: null });
  });
});
