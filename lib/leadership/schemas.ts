import { z } from "zod";
import { LEADERSHIP_METRICS, type LeadershipMetric } from "@/lib/leadership/domain/metrics";
import { ZRoiAssumptions } from "@/lib/leadership/domain/roi";

const isoDay = z.iso.date({ error: "must be a date (YYYY-MM-DD)" });

/** The exports' query: the page's period parameters, plus the drill-down's metric and month. */
export const ZLeadershipExportQuery = z.object({
  period: z
    .string()
    .regex(
      /^(quarter|half|year|custom|\d{4}(-(Q[1-4]|H[12]))?)$/,
      "must be quarter, half, year, custom, or a period such as 2026-Q3",
    )
    .optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/, "must be a month (YYYY-MM)")
    .optional(),
  metric: z.enum(Object.keys(LEADERSHIP_METRICS) as [LeadershipMetric, ...LeadershipMetric[]]).optional(),
  fresh: z.string().optional(),
});
export type TLeadershipExportQuery = z.infer<typeof ZLeadershipExportQuery>;

// Forms of the slice's server actions.
const amount = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.replace(/[,\s]/g, "")) : v),
  z.number({ error: "must be a number" }),
);

export const ZAssumptionsForm = z
  .object({
    currency: z.string().trim().toUpperCase(),
    tier1: amount,
    tier2: amount,
    tier3: amount,
    engineerCostPerHour: amount,
    remediationHoursPerFailedChange: amount,
    baselineFrom: z.string(),
    baselineTo: z.string(),
  })
  .transform((f) => ({
    currency: f.currency,
    downtimeCostPerHour: { "1": f.tier1, "2": f.tier2, "3": f.tier3 },
    engineerCostPerHour: f.engineerCostPerHour,
    remediationHoursPerFailedChange: f.remediationHoursPerFailedChange,
    baseline: { from: f.baselineFrom, to: f.baselineTo },
  }))
  .pipe(ZRoiAssumptions);
