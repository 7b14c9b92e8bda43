import { exportRoute } from "@/lib/core/api/export-route";
import { ZDeliveryExportQuery } from "@/lib/delivery/schemas";
import { listIncidentsIn, resolveExportScope } from "@/lib/delivery/server";

export const GET = exportRoute({ query: ZDeliveryExportQuery }, async ({ actor, query }) => {
  const scope = await resolveExportScope(actor, query);
  const { rows } = await listIncidentsIn(actor, scope.ids, scope.period.window, 1, 10_000);
  return {
    filename: `${scope.name}-incidents.csv`,
    columns: [
      "externalId",
      "service",
      "title",
      "severity",
      "startedAt",
      "resolvedAt",
      "causedByDeployment",
      "linkedBy",
      "source",
    ],
    rows: rows.map((i) => [
      i.externalId,
      i.service.slug,
      i.title,
      i.severity,
      i.startedAt?.toISOString(),
      i.resolvedAt?.toISOString(),
      i.linkedTo,
      i.linkedBy,
      i.source,
    ]),
  };
});
