import type { NextRequest } from "next/server";
import { csvResponse } from "@/lib/core/api/csv";
import { loadLeadership } from "@/lib/leadership/server";
import { leadershipExport } from "@/lib/leadership/server";

export function GET(req: NextRequest) {
  return leadershipExport(req, async (period) => {
    const rows = (await loadLeadership(period)).monthly;
    return csvResponse(
      `months-${period.key}.csv`,
      ["month", "period", "deployments", "medianDeployDaysPerWeek", "medianLeadTimeMinutes", "changeFailureRate", "medianRecoveryMinutes", "incidents", "downtimeMinutes"],
      rows.map((m) => [m.month, m.current ? "current" : "previous", m.deployments, m.deployDaysPerWeek, m.leadTimeMinutes, m.changeFailureRate, m.recoveryMinutes, m.incidents, m.downtimeMinutes]),
    );
  });
}
