import { exportRoute } from "@/lib/core/api/export-route";
import { MAX_EXPORT_ROWS } from "@/lib/core/api/limits";
import { listAuditLog } from "@/lib/access/server";
import { ZAuditQuery } from "@/lib/access/schemas";

/** The audit log with the page's filters, newest first, up to MAX_EXPORT_ROWS entries. */
export const GET = exportRoute({ query: ZAuditQuery, action: "audit.read" }, async ({ actor, query }) => ({
  filename: "audit-log.csv",
  columns: ["at", "actor", "actorEmail", "kind", "action", "description", "service", "team"],
  rows: (await listAuditLog(actor, { ...query, page: 1 }, MAX_EXPORT_ROWS)).rows.map((r) => [
    r.at.toISOString(),
    r.actor,
    r.actorDetail,
    r.kind,
    r.action,
    r.description,
    r.service?.slug ?? null,
    r.service?.team ?? null,
  ]),
}));
