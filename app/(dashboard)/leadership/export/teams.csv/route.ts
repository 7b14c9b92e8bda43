import type { NextRequest } from "next/server";
import { csvResponse } from "@/lib/core/api/csv";
import { loadLeadership, teamBreakdown } from "@/lib/leadership/server";
import { drillWindow } from "@/lib/leadership/domain";
import { leadershipExport } from "@/lib/leadership/server";
import { rankTeams } from "@/lib/leadership/domain";

export function GET(req: NextRequest) {
  return leadershipExport(req, async (period, sp) => {
    const { window, month } = drillWindow(period, sp.month);
    // The whole period: the rows the page shows (the same cached computation); one month: computed.
    const rows = month ? await teamBreakdown(window) : (await loadLeadership(period)).teams;
    const ordered = sp.metric ? rankTeams(rows, sp.metric) : rows;
    const from = window.from.toISOString().slice(0, 10);
    const to = new Date(window.to.getTime() - 86_400_000).toISOString().slice(0, 10);
    return csvResponse(
      `teams-${month ?? period.key}.csv`,
      ["team", "from", "to", "services", "scoreStart", "scoreEnd", "scoreChange", "coverageTier12SilverPlus", "deployments", "medianDeployDaysPerWeek", "medianLeadTimeMinutes", "changeFailureRate", "medianRecoveryMinutes", "incidents", "downtimeMinutes", "slosWithinBudget"],
      ordered.map((r) => [r.slug, from, to, r.services, r.scoreStart, r.scoreEnd, r.scoreChange, r.coverage, r.deployments, r.deployDaysPerWeek, r.leadTimeMinutes, r.changeFailureRate, r.recoveryMinutes, r.incidents, r.downtimeMinutes, r.budgetCompliance]),
    );
  });
}
