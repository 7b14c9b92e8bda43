// The return on productionizing, from the organisation's own numbers and assumptions anyone can see.
// Pure: every figure comes back with its formula and the inputs it used, or with the reason it is
// not meaningful — never a made-up number.
import { z } from "zod";
import { isoDate, DAY_MS } from "@/lib/core/calendar";

export const TIERS = ["1", "2", "3"] as const;
export type TierKey = (typeof TIERS)[number];

/** Below these, a comparison says "not meaningful" instead of giving a figure. */
export const MIN_BASELINE_INCIDENTS = 5;
export const MIN_DEPLOYMENTS = 20;

const money = z
  .number({ error: "must be a number" })
  .finite()
  .min(0, "must be 0 or more")
  .max(100_000_000, "must be at most 100,000,000");
const isoDay = z.iso.date({ error: "must be a date (YYYY-MM-DD)" });

export const ZRoiAssumptions = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/, "must be a 3-letter currency code"),
    downtimeCostPerHour: z.object({ "1": money, "2": money, "3": money }),
    engineerCostPerHour: money,
    remediationHoursPerFailedChange: z
      .number({ error: "must be a number" })
      .finite()
      .min(0, "must be 0 or more")
      .max(1000, "must be at most 1,000"),
    baseline: z.object({ from: isoDay, to: isoDay }),
  })
  .refine((a) => a.baseline.from < a.baseline.to, {
    path: ["baseline", "to"],
    message: "must be after the baseline's start",
  });
export type RoiAssumptions = z.infer<typeof ZRoiAssumptions>;

/** Figures in the spirit of published outage-cost surveys; every organisation should set its own. */
export function defaultAssumptions(now: Date): RoiAssumptions {
  // Baseline: the 180 to 90 days before the first save, a quarter before the recent one.
  const day = (d: number) => isoDate(new Date(now.getTime() - d * DAY_MS));
  return {
    currency: "USD",
    downtimeCostPerHour: { "1": 10_000, "2": 2_500, "3": 500 },
    engineerCostPerHour: 100,
    remediationHoursPerFailedChange: 6,
    baseline: { from: day(180), to: day(90) },
  };
}

export type Input = { label: string; value: string };
export type Figure =
  | { meaningful: true; value: number; formula: string; inputs: Input[]; note?: string }
  | { meaningful: false; reason: string; formula: string; inputs: Input[] };

export const formatMoney = (value: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 0 }).format(value);
const n = (x: number, digits = 1) => x.toLocaleString("en-US", { maximumFractionDigits: digits });
const pct = (ratio: number) => `${(ratio * 100).toLocaleString("en-US", { maximumFractionDigits: 1 })}%`;

/** The middle value (mean of the two middle ones for an even count); null when empty. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export type RestoredIncident = { tier: number; restoreMinutes: number };

/**
 * Downtime cost avoided = Σ over the period's resolved incidents of
 * (baseline median restore minutes − actual restore minutes) × cost per minute of the service's tier.
 * Only incidents restored faster than the baseline median count (savings are never negative here).
 */
export function downtimeCostAvoided(
  baseline: RestoredIncident[],
  current: RestoredIncident[],
  a: RoiAssumptions,
): Figure & { included: number; total: number } {
  const formula =
    "Σ over incidents (baseline median restore minutes − actual restore minutes) × cost per minute of the service's tier, counting only positive savings";
  const baselineMedian = median(baseline.map((i) => i.restoreMinutes));
  const inputs: Input[] = [
    { label: "Baseline incidents (resolved)", value: n(baseline.length, 0) },
    { label: "Baseline median restore", value: baselineMedian === null ? "—" : `${n(baselineMedian)} min` },
    { label: "Incidents in the period (resolved)", value: n(current.length, 0) },
    ...TIERS.map((t) => ({
      label: `Downtime cost, tier ${t}`,
      value: `${formatMoney(a.downtimeCostPerHour[t], a.currency)}/h`,
    })),
  ];
  if (baseline.length < MIN_BASELINE_INCIDENTS || baselineMedian === null) {
    return {
      meaningful: false,
      reason: `Fewer than ${MIN_BASELINE_INCIDENTS} resolved incidents in the baseline (${baseline.length}): not meaningful.`,
      formula,
      inputs,
      included: 0,
      total: current.length,
    };
  }
  if (current.length === 0)
    return {
      meaningful: false,
      reason: "No resolved incidents in the period: nothing to compare.",
      formula,
      inputs,
      included: 0,
      total: 0,
    };
  let value = 0;
  let included = 0;
  for (const i of current) {
    const saved = baselineMedian - i.restoreMinutes;
    if (saved <= 0) continue;
    included++;
    value += saved * (a.downtimeCostPerHour[tierKey(i.tier)] / 60);
  }
  inputs.push({
    label: "Incidents restored faster than the baseline median",
    value: `${included} of ${current.length}`,
  });
  return {
    meaningful: true,
    value,
    formula,
    inputs,
    included,
    total: current.length,
    note: `${included} of ${current.length} incidents counted; the rest took as long as the baseline median or longer.`,
  };
}

export type FailureCounts = { deployments: number; failedDeployments: number };

const rate = (c: FailureCounts) => (c.deployments === 0 ? null : c.failedDeployments / c.deployments);

/**
 * Failure cost avoided = (baseline change failure rate − current rate) × the period's deployments ×
 * remediation hours per failed change × engineer cost per hour. Negative when the rate got worse.
 */
export function failureCostAvoided(baseline: FailureCounts, current: FailureCounts, a: RoiAssumptions): Figure {
  const formula =
    "(baseline change failure rate − current change failure rate) × deployments in the period × remediation hours per failed change × engineer cost per hour";
  const before = rate(baseline);
  const now = rate(current);
  const inputs: Input[] = [
    {
      label: "Baseline change failure rate",
      value: before === null ? "—" : `${pct(before)} (${baseline.failedDeployments} of ${n(baseline.deployments, 0)})`,
    },
    {
      label: "Current change failure rate",
      value: now === null ? "—" : `${pct(now)} (${current.failedDeployments} of ${n(current.deployments, 0)})`,
    },
    { label: "Deployments in the period", value: n(current.deployments, 0) },
    { label: "Remediation per failed change", value: `${n(a.remediationHoursPerFailedChange)} h` },
    { label: "Engineer cost", value: `${formatMoney(a.engineerCostPerHour, a.currency)}/h` },
  ];
  if (before === null || baseline.deployments < MIN_DEPLOYMENTS) {
    return {
      meaningful: false,
      reason: `Fewer than ${MIN_DEPLOYMENTS} deployments in the baseline (${baseline.deployments}): not meaningful.`,
      formula,
      inputs,
    };
  }
  if (now === null || current.deployments < MIN_DEPLOYMENTS) {
    return {
      meaningful: false,
      reason: `Fewer than ${MIN_DEPLOYMENTS} deployments in the period (${current.deployments}): not meaningful.`,
      formula,
      inputs,
    };
  }
  const value = (before - now) * current.deployments * a.remediationHoursPerFailedChange * a.engineerCostPerHour;
  return {
    meaningful: true,
    value,
    formula,
    inputs,
    note: value < 0 ? "Negative: the change failure rate rose, so failures cost more than in the baseline." : undefined,
  };
}

export type DowntimeInputs = {
  days: number;
  deployments: number;
  failedDeployments: number;
  /** Restore times of the window's resolved incidents, in minutes. */
  restoreMinutes: number[];
  /** Deployments per tier, to weigh the hourly cost of an outage. */
  deploymentsByTier: Partial<Record<TierKey, number>>;
};

/** The deployment-weighted hourly cost of an outage; the tier-1 cost when nothing was deployed. */
export function weightedHourlyCost(byTier: Partial<Record<TierKey, number>>, a: RoiAssumptions): number {
  const total = TIERS.reduce((s, t) => s + (byTier[t] ?? 0), 0);
  if (total === 0) return a.downtimeCostPerHour["1"];
  return TIERS.reduce((s, t) => s + (byTier[t] ?? 0) * a.downtimeCostPerHour[t], 0) / total;
}

/**
 * Cost of downtime, DORA's 2016 formula, per year: deployment frequency (deployments per year) ×
 * change failure rate × mean time to restore (hours) × hourly cost of an outage.
 */
export function costOfDowntime(w: DowntimeInputs, a: RoiAssumptions): Figure {
  const formula =
    "deployments per year × change failure rate × mean time to restore (hours) × hourly cost of an outage";
  const perYear = w.days > 0 ? (w.deployments / w.days) * 365 : 0;
  const cfr = w.deployments === 0 ? null : w.failedDeployments / w.deployments;
  const mttrHours =
    w.restoreMinutes.length === 0 ? null : w.restoreMinutes.reduce((s, m) => s + m, 0) / w.restoreMinutes.length / 60;
  const hourly = weightedHourlyCost(w.deploymentsByTier, a);
  const inputs: Input[] = [
    {
      label: "Deployment frequency",
      value: `${n(perYear, 0)} per year (${n(w.deployments, 0)} in ${n(w.days, 0)} days)`,
    },
    { label: "Change failure rate", value: cfr === null ? "—" : pct(cfr) },
    {
      label: "Mean time to restore",
      value: mttrHours === null ? "—" : `${n(mttrHours, 2)} h (${w.restoreMinutes.length} incidents)`,
    },
    { label: "Hourly cost of an outage (deployment-weighted by tier)", value: formatMoney(hourly, a.currency) },
  ];
  if (w.deployments < MIN_DEPLOYMENTS || cfr === null)
    return {
      meaningful: false,
      reason: `Fewer than ${MIN_DEPLOYMENTS} deployments (${w.deployments}): not meaningful.`,
      formula,
      inputs,
    };
  if (w.restoreMinutes.length < MIN_BASELINE_INCIDENTS || mttrHours === null) {
    return {
      meaningful: false,
      reason: `Fewer than ${MIN_BASELINE_INCIDENTS} resolved incidents (${w.restoreMinutes.length}): not meaningful.`,
      formula,
      inputs,
    };
  }
  return { meaningful: true, value: perYear * cfr * mttrHours * hourly, formula, inputs };
}

export function tierKey(tier: number): TierKey {
  return tier === 1 ? "1" : tier === 2 ? "2" : "3";
}

/** What changed between two versions of the assumptions, for the history list. */
export function assumptionChanges(before: RoiAssumptions | null, after: RoiAssumptions): string[] {
  if (!before) return ["initial values"];
  const out: string[] = [];
  if (before.currency !== after.currency) out.push(`currency ${before.currency} → ${after.currency}`);
  for (const t of TIERS) {
    if (before.downtimeCostPerHour[t] !== after.downtimeCostPerHour[t])
      out.push(`tier ${t} downtime ${n(before.downtimeCostPerHour[t])} → ${n(after.downtimeCostPerHour[t])}/h`);
  }
  if (before.engineerCostPerHour !== after.engineerCostPerHour)
    out.push(`engineer cost ${n(before.engineerCostPerHour)} → ${n(after.engineerCostPerHour)}/h`);
  if (before.remediationHoursPerFailedChange !== after.remediationHoursPerFailedChange)
    out.push(
      `remediation ${n(before.remediationHoursPerFailedChange)} → ${n(after.remediationHoursPerFailedChange)} h`,
    );
  if (before.baseline.from !== after.baseline.from || before.baseline.to !== after.baseline.to)
    out.push(`baseline ${before.baseline.from}…${before.baseline.to} → ${after.baseline.from}…${after.baseline.to}`);
  return out.length ? out : ["no change"];
}
