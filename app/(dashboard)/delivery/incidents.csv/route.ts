import type { NextRequest } from "next/server";
import { csvResponse } from "@/lib/core/api/csv";
import { listIncidentsIn } from "@/lib/delivery/server";
import { exportScope } from "@/lib/delivery/server";

export async function GET(req: NextRequest) {
  const scope = await exportScope(req);
  if (scope instanceof Response) return scope;
  const { rows } = await listIncidentsIn(scope.ids, scope.period.window, 1, 10_000);
  return csvResponse(
    `${scope.name}-incidents.csv`,
    ["externalId", "service", "title", "severity", "startedAt", "resolvedAt", "causedByDeployment", "linkedBy", "source"],
    rows.map((i) => [i.externalId, i.service.slug, i.title, i.severity, i.startedAt.toISOString(), i.resolvedAt?.toISOString(), i.linkedTo, i.linkedBy, i.source]),
  );
}
