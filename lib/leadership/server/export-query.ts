import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { can } from "@/lib/core/auth/permissions";
import { getCurrentUser } from "@/lib/core/auth/session";
import { LEADERSHIP_METRICS, type LeadershipMetric } from "@/lib/leadership/domain/metrics";
import { parseLeadershipPeriod, type LeadershipPeriod } from "@/lib/leadership/domain/period";

const isoDay = z.iso.date({ error: "must be a date (YYYY-MM-DD)" });

/** The exports' query: the page's period parameters, plus the drill-down's metric and month. */
export const ZLeadershipExportQuery = z.object({
  period: z.string().regex(/^(quarter|half|year|custom|\d{4}(-(Q[1-4]|H[12]))?)$/, "must be quarter, half, year, custom, or a period such as 2026-Q3").optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  month: z.string().regex(/^\d{4}-\d{2}$/, "must be a month (YYYY-MM)").optional(),
  metric: z.enum(Object.keys(LEADERSHIP_METRICS) as [LeadershipMetric, ...LeadershipMetric[]]).optional(),
  fresh: z.string().optional(),
});
export type TLeadershipExportQuery = z.infer<typeof ZLeadershipExportQuery>;

/**
 * Shared by the leadership CSV exports: the page's permission, the query checked by zod (a bad one
 * gets 400 naming the parameter), and the period it names.
 */
export async function leadershipExport(req: NextRequest, build: (period: LeadershipPeriod, query: TLeadershipExportQuery) => Promise<Response>): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in to export", { status: 401 });
  if (!can(user, "roi.edit")) return new Response("Leadership and the platform team only", { status: 403 });
  const parsed = ZLeadershipExportQuery.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return new Response(`${issue.path.join(".") || "query"} ${issue.message}`, { status: 400 });
  }
  return build(parseLeadershipPeriod(parsed.data), parsed.data);
}
