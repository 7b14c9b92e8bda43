import type { NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/core/auth/session";
import { can } from "@/lib/core/auth/permissions";
import { csvResponse } from "@/lib/core/api/csv";
import { listTeamDora } from "@/lib/delivery/server";
import { parsePagePeriod } from "@/lib/core/period/page-period";

export async function GET(req: NextRequest) {
  const user = await getCurrentUser();
  if (!can(user, "read")) return new Response("Sign in to export", { status: 401 });
  const period = parsePagePeriod(Object.fromEntries(req.nextUrl.searchParams));
  const { rows } = await listTeamDora(period.window, period.benchmark);
  return csvResponse(
    "team-delivery.csv",
    ["team", "deployments", "deployDays", "medianDeployDaysPerWeek", "frequencyBand", "leadTimeMedianMinutes", "leadTimeBand", "changeFailureRate", "cfrBand", "recoveryMedianMinutes", "recoveryBand", "from", "to", "benchmark"],
    rows.map(({ slug, report: r }) => {
      const rec = r.benchmark === "2023" ? r.failedDeploymentRecoveryTime : r.timeToRestore;
      return [slug, r.deploymentFrequency.deployments, r.deploymentFrequency.deployDays, r.deploymentFrequency.medianDeployDaysPerWeek, r.deploymentFrequency.band, r.leadTimeForChanges.medianMinutes, r.leadTimeForChanges.band, r.changeFailureRate.ratio, r.changeFailureRate.band, rec.medianMinutes, rec.band, r.from, r.to, r.benchmark];
    }),
  );
}
