import type { NextRequest } from "next/server";
import { csvResponse } from "@/lib/core/api/csv";
import { listDeploymentsIn } from "@/lib/delivery/server";
import { exportScope } from "@/lib/delivery/server";

export async function GET(req: NextRequest) {
  const scope = await exportScope(req);
  if (scope instanceof Response) return scope;
  const { rows } = await listDeploymentsIn(scope.ids, scope.period.window, { page: 1 }, 50_000);
  return csvResponse(
    `${scope.name}-deployments.csv`,
    ["externalId", "service", "environment", "status", "startedAt", "finishedAt", "rework", "commits", "pullRequests", "incidents", "source"],
    rows.map((d) => [d.externalId, d.service.slug, d.environment, d.status, d.startedAt?.toISOString(), d.finishedAt.toISOString(), String(d.rework), d._count.commits, d._count.pullRequests, d._count.incidents, d.source]),
  );
}
