import { z } from "zod";
import { LEADERSHIP_METRICS, type LeadershipMetric } from "@/lib/leadership/domain/metrics";

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
