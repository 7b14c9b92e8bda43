import { exportRoute } from "@/lib/core/api/export-route";
import { parseLeadershipPeriod } from "@/lib/core/period";
import { ZLeadershipExportQuery } from "@/lib/leadership/schemas";
import { loadLeadership } from "@/lib/leadership/server";

export const GET = exportRoute(
  { query: ZLeadershipExportQuery, action: "roi.edit", what: "export leadership figures" },
  async ({ actor, query }) => {
    const period = parseLeadershipPeriod(query);
    const rows = (await loadLeadership(actor, period)).monthly;
    return {
      filename: `months-${period.key}.csv`,
      columns: [
        "month",
        "period",
        "deployments",
        "medianDeployDaysPerWeek",
        "medianLeadTimeMinutes",
        "changeFailureRate",
        "medianRecoveryMinutes",
        "incidents",
        "downtimeMinutes",
      ],
      rows: rows.map((m) => [
        m.month,
        m.current ? "current" : "previous",
        m.deployments,
        m.deployDaysPerWeek,
        m.leadTimeMinutes,
        m.changeFailureRate,
        m.recoveryMinutes,
        m.incidents,
        m.downtimeMinutes,
      ]),
    };
  },
);
