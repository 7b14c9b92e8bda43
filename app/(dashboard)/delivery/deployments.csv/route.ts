import { exportRoute } from "@/lib/core/api/export-route";
import { ZDeliveryExportQuery } from "@/lib/delivery/schemas";
import { listDeploymentsIn, resolveExportScope } from "@/lib/delivery/server";

export const GET = exportRoute({ query: ZDeliveryExportQuery }, async ({ actor, query }) => {
  const scope = await resolveExportScope(actor, query);
  const { rows } = await listDeploymentsIn(actor, scope.ids, scope.period.window, { page: 1 }, 50_000);
  return {
    filename: `${scope.name}-deployments.csv`,
    columns: [
      "externalId",
      "service",
      "environment",
      "status",
      "startedAt",
      "finishedAt",
      "rework",
      "commits",
      "pullRequests",
      "incidents",
      "source",
      "fixes",
      "fixRule",
      "fixedBy",
    ],
    rows: rows.map((d) => [
      d.externalId,
      d.service.slug,
      d.environment,
      d.status,
      d.startedAt?.toISOString(),
      d.finishedAt.toISOString(),
      String(d.rework),
      d._count.commits,
      d._count.pullRequests,
      d._count.incidents,
      d.source,
      d.fixes ?? "",
      d.fixRule ?? "",
      d.fixedBy[0]?.externalId ?? "",
    ]),
  };
});
