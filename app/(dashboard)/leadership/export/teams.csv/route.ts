import { exportRoute } from "@/lib/core/api/export-route";
import { DAY_MS, isoDate } from "@/lib/core/calendar";
import { drillWindow, rankTeams } from "@/lib/leadership/domain";
import { parseLeadershipPeriod } from "@/lib/core/period";
import { ZLeadershipExportQuery } from "@/lib/leadership/schemas";
import { loadLeadership, teamBreakdown } from "@/lib/leadership/server";

export const GET = exportRoute(
  { query: ZLeadershipExportQuery, action: "roi.edit", what: "export leadership figures" },
  async ({ actor, query }) => {
    const period = parseLeadershipPeriod(query);
    const { window, month } = drillWindow(period, query.month);
    // The whole period: the rows the page shows (the same cached computation); one month: computed.
    const rows = month ? await teamBreakdown(actor, window) : (await loadLeadership(actor, period)).teams;
    const ordered = query.metric ? rankTeams(rows, query.metric) : rows;
    const from = isoDate(window.from);
    const to = isoDate(new Date(window.to.getTime() - DAY_MS));
    return {
      filename: `teams-${month ?? period.key}.csv`,
      columns: [
        "team",
        "from",
        "to",
        "services",
        "scoreStart",
        "scoreEnd",
        "scoreChange",
        "coverageTier12SilverPlus",
        "deployments",
        "medianDeployDaysPerWeek",
        "medianLeadTimeMinutes",
        "changeFailureRate",
        "medianRecoveryMinutes",
        "incidents",
        "downtimeMinutes",
        "slosWithinBudget",
      ],
      rows: ordered.map((r) => [
        r.slug,
        from,
        to,
        r.services,
        r.scoreStart,
        r.scoreEnd,
        r.scoreChange,
        r.coverage,
        r.deployments,
        r.deployDaysPerWeek,
        r.leadTimeMinutes,
        r.changeFailureRate,
        r.recoveryMinutes,
        r.incidents,
        r.downtimeMinutes,
        r.budgetCompliance,
      ]),
    };
  },
);
