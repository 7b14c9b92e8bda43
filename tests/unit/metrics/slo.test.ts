import { describe, expect, it } from "vitest";
import {
  alertFactor,
  burnDown,
  burnRate,
  errorBudget,
  errorRatio,
  evaluateFromSamples,
  HOUR,
  remainingBudget,
  sumRange,
  type Sample,
} from "@/lib/slo/domain/slo";

const AT = new Date("2026-11-27T12:00:00Z");
const slo = { id: "s", service: "svc", name: "availability", objective: 99.9, windowDays: 30 };

/** 5-minute samples ending at `endsBefore` minus k×5 minutes, k = 0..count−1. */
function series(count: number, good: number, total: number, endsAt = AT): Sample[] {
  return Array.from({ length: count }, (_, k) => ({
    start: new Date(endsAt.getTime() - (k + 1) * 5 * 60_000),
    durationSeconds: 300,
    good,
    total,
  }));
}

describe("error budget and ratios", () => {
  it("budget is 1 − objective/100", () => {
    expect(errorBudget(99.9)).toBeCloseTo(0.001, 15);
    expect(errorBudget(95)).toBe(0.05);
    expect(errorBudget(100)).toBe(0);
  });

  it("weights the error ratio by traffic, not by sample", () => {
    // a quiet bucket with 50% errors and a busy one with none: 5/1010, not 25%
    expect(errorRatio({ good: 5 + 1000, total: 10 + 1000 })).toBeCloseTo(5 / 1010, 12);
  });

  it("has no ratio, burn rate or remaining budget without traffic (total 0)", () => {
    expect(errorRatio({ good: 0, total: 0 })).toBeNull();
    expect(burnRate(null, 0.001)).toBeNull();
    expect(remainingBudget(null, 0.001)).toBeNull();
  });

  it("lets the remaining budget go below 0 once overspent", () => {
    expect(remainingBudget(0.003, 0.001)).toBeCloseTo(-2, 12);
  });

  it("objective 100: budget 0, remaining 1 without errors and 0 after one; burn rates unbounded (null)", () => {
    expect(remainingBudget(0, 0)).toBe(1);
    expect(remainingBudget(0.0001, 0)).toBe(0);
    expect(burnRate(0, 0)).toBe(0);
    expect(burnRate(0.0001, 0)).toBeNull();
  });

  it("derives Sloth's factors from the window: 14.4/6/3/1 for 30 days", () => {
    expect([
      alertFactor(2, 30, HOUR),
      alertFactor(5, 30, 6 * HOUR),
      alertFactor(10, 30, 24 * HOUR),
      alertFactor(10, 30, 72 * HOUR),
    ]).toEqual([14.4, 6, 3, 1]);
  });
});

describe("which samples count", () => {
  it("counts a sample in (t − L, t] by the end of its data", () => {
    const s = [{ start: new Date("2026-11-27T11:55:00Z"), durationSeconds: 300, good: 1, total: 1 }];
    expect(sumRange(s, AT.getTime() - 5 * 60_000, AT.getTime()).samples).toBe(1); // ends 12:00: in (11:55, 12:00]
    expect(sumRange(s, AT.getTime() - 10 * 60_000, AT.getTime() - 5 * 60_000).samples).toBe(0);
    const running = [{ start: AT, durationSeconds: 300, good: 1, total: 1 }];
    expect(sumRange(running, AT.getTime() - HOUR, AT.getTime()).samples).toBe(0); // not finished at t
  });
});

describe("evaluating an SLO at an instant", () => {
  it("is healthy when errors stay well under budget", () => {
    const e = evaluateFromSamples(slo, series(288 * 30, 9999, 10_000), AT);
    expect(e.status).toBe("healthy");
    expect(e.window).toEqual({ good: 9999 * 8640, total: 10_000 * 8640, errorRatio: expect.closeTo(0.0001, 12) });
    expect(e.remaining).toBeCloseTo(0.9, 9);
    expect(e.burnRates["5m"]).toBeCloseTo(0.1, 9);
    expect(e.alerts.map((a) => a.firing)).toEqual([false, false, false, false]);
    expect(e.alerts.map((a) => [a.severity, a.longWindow, a.shortWindow, a.factor])).toEqual([
      ["page", "1h", "5m", 14.4],
      ["page", "6h", "30m", 6],
      ["ticket", "1d", "2h", 3],
      ["ticket", "3d", "6h", 1],
    ]);
  });

  it("pages when the last hour burns fast on both windows", () => {
    const calm = series(288 * 30, 10_000, 10_000);
    const lastHour = series(12, 9800, 10_000); // 2% errors: burn rate 20 > 14.4
    const e = evaluateFromSamples(slo, [...lastHour, ...calm.slice(12)], AT);
    expect(e.burnRates["1h"]).toBeCloseTo(20, 9);
    expect(e.alerts[0]).toMatchObject({ severity: "page", firing: true });
    expect(e.status).toBe("burning");
  });

  it("does not page when only the short window burns (one bad 5-minute bucket)", () => {
    const samples = series(288 * 30, 10_000, 10_000);
    samples[0] = { ...samples[0], good: 9000 }; // 10% errors in the last 5 minutes only
    const e = evaluateFromSamples(slo, samples, AT);
    expect(e.burnRates["5m"]).toBeCloseTo(100, 9);
    expect(e.burnRates["1h"]).toBeCloseTo(100 / 12, 9); // 8.3 < 14.4
    expect(e.alerts[0].firing).toBe(false);
  });

  it("is exhausted when the window's errors exceed the budget, even while burning", () => {
    const e = evaluateFromSamples(slo, series(288 * 30, 9980, 10_000), AT);
    expect(e.remaining).toBeCloseTo(-1, 9);
    expect(e.status).toBe("exhausted");
  });

  it("has no data without samples in the window; gaps simply carry no traffic", () => {
    expect(evaluateFromSamples(slo, [], AT).status).toBe("no_data");
    const old = series(10, 1, 1, new Date(AT.getTime() - 40 * 24 * HOUR));
    expect(evaluateFromSamples(slo, old, AT)).toMatchObject({ status: "no_data", remaining: null });
    const gappy = series(288 * 30, 9999, 10_000).filter((_, i) => i % 3 !== 0);
    const e = evaluateFromSamples(slo, gappy, AT);
    expect(e.window.errorRatio).toBeCloseTo(0.0001, 12);
    expect(e.burnRates["5m"]).toBeNull(); // the newest bucket is in a gap
  });

  it("objective 100%: the first error exhausts the SLO and every alert with traffic fires", () => {
    const perfect = { ...slo, objective: 100 };
    expect(evaluateFromSamples(perfect, series(288, 10, 10), AT).status).toBe("healthy");
    const broken = evaluateFromSamples(perfect, series(288, 9, 10), AT);
    expect(broken).toMatchObject({ errorBudget: 0, remaining: 0, status: "exhausted" });
    expect(broken.burnRates["1h"]).toBeNull();
    expect(broken.alerts.slice(0, 3).every((a) => a.firing)).toBe(true);
  });
});

describe("burn-down", () => {
  it("spends nothing on days without data and shows days after now as missing", () => {
    const start = new Date("2026-11-01T00:00:00Z");
    const steps = Array.from({ length: 4 }, (_, i) => ({
      start: new Date(start.getTime() + i * 24 * HOUR),
      good: i === 1 ? 0 : 999,
      total: i === 1 ? 0 : 1000,
      hasData: i !== 1,
    }));
    const points = burnDown(steps, 0.001, new Date("2026-11-03T06:00:00Z"));
    // expected traffic = 1000 per day with data × 4 days; budget 0.001 → 4 bad requests allowed
    expect(points.map((p) => p.remaining)).toEqual([0.75, 0.75, 0.5, null]);
    expect(points.map((p) => p.ideal)).toEqual([0.75, 0.5, 0.25, 0]);
    expect(points[3].missing).toBe(true);
  });
});
