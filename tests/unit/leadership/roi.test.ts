import { describe, expect, it } from "vitest";
import {
  assumptionChanges,
  costOfDowntime,
  defaultAssumptions,
  downtimeCostAvoided,
  failureCostAvoided,
  median,
  weightedHourlyCost,
  ZRoiAssumptions,
  type RoiAssumptions,
} from "@/lib/leadership/domain/roi";

const a: RoiAssumptions = {
  currency: "USD",
  downtimeCostPerHour: { "1": 10_000, "2": 2_500, "3": 500 },
  engineerCostPerHour: 100,
  remediationHoursPerFailedChange: 6,
  baseline: { from: "2026-01-01", to: "2026-03-31" },
};
const restored = (tier: number, restoreMinutes: number) => ({ tier, restoreMinutes });
const baseline = [10, 20, 30, 40, 50].map((m) => restored(1, m)); // median 30 minutes

describe("median", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe("downtime cost avoided", () => {
  it("sums (baseline median − actual) × the tier's cost per minute over incidents restored faster", () => {
    // tier 1: (30 − 10) × 10,000/60 = 3,333.33; tier 2: (30 − 25) × 2,500/60 = 208.33; tier 3 took 60 > 30: not counted
    const f = downtimeCostAvoided(baseline, [restored(1, 10), restored(2, 25), restored(3, 60)], a);
    expect(f.meaningful).toBe(true);
    if (!f.meaningful) return;
    expect(f.value).toBeCloseTo(3541.67, 2);
    expect(f.included).toBe(2);
    expect(f.total).toBe(3);
    expect(f.inputs).toContainEqual({ label: "Baseline median restore", value: "30 min" });
    expect(f.note).toMatch(/2 of 3 incidents counted/);
  });

  it("never goes negative: incidents slower than the baseline count as zero, not as a loss", () => {
    const f = downtimeCostAvoided(baseline, [restored(1, 90), restored(1, 45)], a);
    expect(f).toMatchObject({ meaningful: true, value: 0, included: 0, total: 2 });
  });

  it("says the figure is not meaningful with fewer than 5 baseline incidents, or an empty baseline", () => {
    const few = downtimeCostAvoided(baseline.slice(0, 4), [restored(1, 10)], a);
    expect(few).toMatchObject({
      meaningful: false,
      reason: "Fewer than 5 resolved incidents in the baseline (4): not meaningful.",
    });
    expect(downtimeCostAvoided([], [restored(1, 10)], a)).toMatchObject({
      meaningful: false,
      reason: expect.stringContaining("(0)"),
    });
  });

  it("says so when the period has no resolved incidents", () => {
    expect(downtimeCostAvoided(baseline, [], a)).toMatchObject({
      meaningful: false,
      reason: "No resolved incidents in the period: nothing to compare.",
    });
  });
});

describe("failure cost avoided", () => {
  it("is (baseline CFR − current CFR) × deployments × remediation hours × engineer cost", () => {
    // (0.20 − 0.10) × 200 × 6 h × 100/h = 12,000
    const f = failureCostAvoided(
      { deployments: 100, failedDeployments: 20 },
      { deployments: 200, failedDeployments: 20 },
      a,
    );
    expect(f).toMatchObject({ meaningful: true });
    if (f.meaningful) expect(f.value).toBeCloseTo(12_000, 6);
  });

  it("is negative when the change failure rate got worse, and says why", () => {
    // (0.20 − 0.30) × 200 × 6 × 100 = −12,000
    const f = failureCostAvoided(
      { deployments: 100, failedDeployments: 20 },
      { deployments: 200, failedDeployments: 60 },
      a,
    );
    expect(f.meaningful).toBe(true);
    if (!f.meaningful) return;
    expect(f.value).toBeCloseTo(-12_000, 6);
    expect(f.note).toMatch(/rose/);
  });

  it("is not meaningful with too few deployments in the baseline or the period", () => {
    expect(
      failureCostAvoided({ deployments: 0, failedDeployments: 0 }, { deployments: 200, failedDeployments: 10 }, a),
    ).toMatchObject({ meaningful: false, reason: expect.stringMatching(/baseline \(0\)/) });
    expect(
      failureCostAvoided({ deployments: 19, failedDeployments: 2 }, { deployments: 200, failedDeployments: 10 }, a),
    ).toMatchObject({ meaningful: false });
    expect(
      failureCostAvoided({ deployments: 100, failedDeployments: 2 }, { deployments: 5, failedDeployments: 0 }, a),
    ).toMatchObject({ meaningful: false, reason: expect.stringMatching(/period \(5\)/) });
  });
});

describe("cost of downtime (DORA 2016)", () => {
  it("is deployments per year × CFR × mean time to restore × deployment-weighted hourly cost", () => {
    // 1,000 a year × 0.1 × mean(60,120,180,60,120) = 108 min = 1.8 h × (500×10,000 + 500×2,500)/1,000 = 6,250 → 1,125,000
    const f = costOfDowntime(
      {
        days: 365,
        deployments: 1000,
        failedDeployments: 100,
        restoreMinutes: [60, 120, 180, 60, 120],
        deploymentsByTier: { "1": 500, "2": 500 },
      },
      a,
    );
    expect(f.meaningful).toBe(true);
    if (f.meaningful) expect(f.value).toBeCloseTo(1_125_000, 4);
  });

  it("annualises a shorter window", () => {
    // 250 deployments in 91 days = 1,002.75 a year; × 0.2 × 1 h × 10,000
    const f = costOfDowntime(
      {
        days: 91,
        deployments: 250,
        failedDeployments: 50,
        restoreMinutes: [60, 60, 60, 60, 60],
        deploymentsByTier: { "1": 250 },
      },
      a,
    );
    if (!f.meaningful) throw new Error(f.reason);
    expect(f.value).toBeCloseTo((250 / 91) * 365 * 0.2 * 1 * 10_000, 4);
  });

  it("is not meaningful without enough deployments or incidents", () => {
    expect(
      costOfDowntime(
        {
          days: 90,
          deployments: 10,
          failedDeployments: 1,
          restoreMinutes: [60, 60, 60, 60, 60],
          deploymentsByTier: {},
        },
        a,
      ),
    ).toMatchObject({ meaningful: false });
    expect(
      costOfDowntime(
        { days: 90, deployments: 100, failedDeployments: 1, restoreMinutes: [60], deploymentsByTier: {} },
        a,
      ),
    ).toMatchObject({ meaningful: false, reason: expect.stringMatching(/incidents \(1\)/) });
  });

  it("weighs the hourly cost by deployments per tier, falling back to tier 1", () => {
    expect(weightedHourlyCost({ "1": 1, "3": 3 }, a)).toBe((10_000 + 3 * 500) / 4);
    expect(weightedHourlyCost({}, a)).toBe(10_000);
  });
});

describe("assumptions", () => {
  it("validates ranges and the baseline's order", () => {
    expect(ZRoiAssumptions.safeParse(a).success).toBe(true);
    const bad = ZRoiAssumptions.safeParse({
      ...a,
      engineerCostPerHour: -1,
      baseline: { from: "2026-03-01", to: "2026-01-01" },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(
      expect.arrayContaining(["engineerCostPerHour", "baseline.to"]),
    );
    expect(ZRoiAssumptions.safeParse(defaultAssumptions(new Date("2026-11-27T00:00:00Z"))).success).toBe(true);
  });

  it("describes what changed between two versions", () => {
    expect(assumptionChanges(null, a)).toEqual(["initial values"]);
    expect(
      assumptionChanges(a, {
        ...a,
        engineerCostPerHour: 120,
        downtimeCostPerHour: { ...a.downtimeCostPerHour, "2": 3000 },
      }),
    ).toEqual(["tier 2 downtime 2,500 → 3,000/h", "engineer cost 100 → 120/h"]);
    expect(assumptionChanges(a, a)).toEqual(["no change"]);
  });
});
