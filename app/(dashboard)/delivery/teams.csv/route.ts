import { z } from "zod";
import { exportRoute } from "@/lib/core/api/export-route";
import { parsePagePeriod } from "@/lib/core/period";
import { listTeamDora } from "@/lib/delivery/server";

// The page's period parameters; parsePagePeriod falls back to the defaults for values it does not know.
const ZQuery = z.record(z.string(), z.string().max(32));

export const GET = exportRoute({ query: ZQuery }, async ({ actor, query }) => {
  const period = parsePagePeriod(query);
  const { rows } = await listTeamDora(actor, period.window, period.benchmark);
  return {
    filename: "team-delivery.csv",
    columns: [
      "team",
      "deployments",
      "deployDays",
      "medianDeployDaysPerWeek",
      "frequencyBand",
      "leadTimeMedianMinutes",
      "leadTimeBand",
      "changeFailureRate",
      "cfrBand",
      "recoveryMedianMinutes",
      "recoveryBand",
      "from",
      "to",
      "benchmark",
    ],
    rows: rows.map(({ slug, report: r }) => {
      const rec = r.benchmark === "2023" ? r.failedDeploymentRecoveryTime : r.timeToRestore;
      return [
        slug,
        r.deploymentFrequency.deployments,
        r.deploymentFrequency.deployDays,
        r.deploymentFrequency.medianDeployDaysPerWeek,
        r.deploymentFrequency.band,
        r.leadTimeForChanges.medianMinutes,
        r.leadTimeForChanges.band,
        r.changeFailureRate.ratio,
        r.changeFailureRate.band,
        rec.medianMinutes,
        rec.band,
        r.from,
        r.to,
        r.benchmark,
      ];
    }),
  };
});
