// Sloth's own expectations (tests/oracles/sloth-slo, see its README), reproduced with lib/slo/domain/slo.ts.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  alertFactor,
  BURN_WINDOWS,
  burnDown,
  burnedBudgetPercent,
  burningBudgetPercent,
  errorBudget,
  type BurnWindow,
} from "@/lib/slo/domain/slo";

const load = <T>(file: string): T =>
  JSON.parse(fs.readFileSync(path.resolve("tests/oracles/sloth-slo", file), "utf8")) as T;

type Mwmb = {
  slo: { objectivePercent: number; windowDays: number };
  inputs: {
    alertWindows: Array<{
      severity: string;
      speed: string;
      errorBudgetPercent: number;
      shortWindow: BurnWindow;
      longWindow: BurnWindow;
    }>;
  };
  expected: {
    errorBudgetRatio: number;
    errorBudgetPercent?: number;
    objectiveRatioInRules: number;
    burnRateThresholds: Array<{
      severity: string;
      speed: string;
      shortWindow: string;
      longWindow: string;
      burnRateFactor: number;
      errorRatioThreshold_derived: number;
    }>;
  };
};

describe.each(["mwmb-30d-99.9.json", "mwmb-28d-99.9.json", "mwmb-30d-99.99.json", "mwmb-7d-custom-99.9.json"])(
  "Sloth oracle %s",
  (file) => {
    const fx = load<Mwmb>(file);

    it("has the same error budget, float noise included", () => {
      expect(errorBudget(fx.slo.objectivePercent)).toBe(fx.expected.errorBudgetRatio);
      if (fx.expected.errorBudgetPercent !== undefined)
        expect(errorBudget(fx.slo.objectivePercent) * 100).toBeCloseTo(fx.expected.errorBudgetPercent, 12);
      // Sloth's generated rules write the budget as 1 - objectiveRatio; the same number to 15 places.
      expect(1 - fx.expected.objectiveRatioInRules).toBeCloseTo(fx.expected.errorBudgetRatio, 15);
    });

    it("computes every burn-rate factor exactly, and the error-ratio thresholds", () => {
      const factors = fx.inputs.alertWindows.map((w) =>
        alertFactor(w.errorBudgetPercent, fx.slo.windowDays, BURN_WINDOWS[w.longWindow]),
      );
      expect(factors).toEqual(fx.expected.burnRateThresholds.map((t) => t.burnRateFactor));
      const budget = errorBudget(fx.slo.objectivePercent);
      factors.forEach((f, i) =>
        expect(f * budget).toBeCloseTo(fx.expected.burnRateThresholds[i].errorRatioThreshold_derived, 15),
      );
      expect(fx.inputs.alertWindows.map((w) => [w.shortWindow, w.longWindow])).toEqual(
        fx.expected.burnRateThresholds.map((t) => [t.shortWindow, t.longWindow]),
      );
    });
  },
);

describe("Sloth oracle objective-95-no-alerts.json", () => {
  const fx = load<{
    slo: { objectivePercent: number };
    expected: { errorBudgetRatio_derived: number; burnRateThresholds: unknown[] };
  }>("objective-95-no-alerts.json");
  it("has a 5% budget for a 95% objective (Sloth writes 1-0.95; equal to 15 places)", () => {
    expect(errorBudget(fx.slo.objectivePercent)).toBeCloseTo(fx.expected.errorBudgetRatio_derived, 15);
    expect(fx.expected.burnRateThresholds).toEqual([]); // alerts disabled: nothing to compare but the budget
  });
});

describe("Sloth oracle budget-burndown-monthly.json", () => {
  type Day = { day: string; value: number | null; missing: boolean };
  const fx = load<{
    slo: { objectivePercent: number };
    inputs: { now: string; availabilityPercentByDay: Array<{ day: string; availabilityPercent: number }> };
    expected: {
      currentRemainingBudgetPercent: number;
      currentIdealRemainingBudgetPercent: number;
      remainingBudgetPercentByDay: Day[];
      idealRemainingBudgetPercentByDay: Day[];
    };
  }>("budget-burndown-monthly.json");

  // Equal traffic in every 5-minute bucket, so the traffic-weighted ratio equals Sloth's plain average.
  const PER_BUCKET = 1_000_000;
  const BUCKETS_PER_DAY = 288;
  const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2025, 10, 1 + i)));
  const byDay = new Map(fx.inputs.availabilityPercentByDay.map((d) => [d.day, d.availabilityPercent]));
  const steps = days.map((start) => {
    const availability = byDay.get(start.toISOString().slice(0, 10));
    if (availability === undefined) return { start, good: 0, total: 0, hasData: false };
    const badPerBucket = Math.round(PER_BUCKET * (1 - availability / 100));
    return {
      start,
      good: (PER_BUCKET - badPerBucket) * BUCKETS_PER_DAY,
      total: PER_BUCKET * BUCKETS_PER_DAY,
      hasData: true,
    };
  });
  const points = burnDown(steps, errorBudget(fx.slo.objectivePercent), new Date(fx.inputs.now));

  it("gives Sloth's remaining budget for every day, with days after 'now' missing", () => {
    points.forEach((p, i) => {
      const exp = fx.expected.remainingBudgetPercentByDay[i];
      expect(p.missing, exp.day).toBe(exp.missing);
      if (exp.value === null) expect(p.remaining).toBeNull();
      else expect((p.remaining as number) * 100).toBeCloseTo(exp.value, 6);
    });
    const current = points.filter((p) => !p.missing).at(-1)!;
    expect((current.remaining as number) * 100).toBeCloseTo(fx.expected.currentRemainingBudgetPercent, 6);
  });

  it("draws the same ideal line", () => {
    points.forEach((p, i) =>
      expect(p.ideal * 100).toBeCloseTo(fx.expected.idealRemainingBudgetPercentByDay[i].value as number, 9),
    );
    const current = points.filter((p) => !p.missing).at(-1)!;
    expect(current.ideal * 100).toBeCloseTo(fx.expected.currentIdealRemainingBudgetPercent, 9);
  });
});

describe("Sloth oracle budget-instant-percentages.json", () => {
  type Slo = { id: string; service: string; currentBurnRateRatio: number; periodErrorBudgetRemainingRatio: number };
  const fx = load<{
    inputs: { slos: Slo[]; serviceStatsScenario: { slos: Slo[] } };
    expected: {
      perSlo: Record<string, { burningBudgetPercent: number; burnedBudgetWindowPercent: number }>;
      serviceStatsScenario: {
        perService: Record<
          string,
          { totalSlos: number; slosCurrentlyBurningOverBudget: number; slosAlreadyConsumedBudgetOnPeriod: number }
        >;
      };
    };
  }>("budget-instant-percentages.json");

  it("turns burn rate and remaining budget into Sloth's two percentages", () => {
    for (const s of fx.inputs.slos) {
      expect(burningBudgetPercent(s.currentBurnRateRatio)).toBe(fx.expected.perSlo[s.id].burningBudgetPercent);
      expect(burnedBudgetPercent(s.periodErrorBudgetRemainingRatio)).toBe(
        fx.expected.perSlo[s.id].burnedBudgetWindowPercent,
      );
    }
  });

  it("counts, per service, SLOs burning over budget now and SLOs that consumed their period's budget", () => {
    const stats: Record<
      string,
      { totalSlos: number; slosCurrentlyBurningOverBudget: number; slosAlreadyConsumedBudgetOnPeriod: number }
    > = {};
    for (const s of fx.inputs.serviceStatsScenario.slos) {
      const st = (stats[s.service] ??= {
        totalSlos: 0,
        slosCurrentlyBurningOverBudget: 0,
        slosAlreadyConsumedBudgetOnPeriod: 0,
      });
      st.totalSlos++;
      if (burningBudgetPercent(s.currentBurnRateRatio) > 100) st.slosCurrentlyBurningOverBudget++;
      if (burnedBudgetPercent(s.periodErrorBudgetRemainingRatio) > 100) st.slosAlreadyConsumedBudgetOnPeriod++;
    }
    expect(stats).toEqual(fx.expected.serviceStatsScenario.perService);
  });
});
