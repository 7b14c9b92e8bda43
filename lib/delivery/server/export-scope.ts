import "server-only";
import { authorize, type Actor } from "@/lib/core/auth/permissions";
import { notFound } from "@/lib/core/errors";
import { parsePagePeriod, type PagePeriod } from "@/lib/core/period";
import type { TDeliveryExportQuery } from "@/lib/delivery/schemas";
import { serviceIdsFor } from "./dora";

/** The services and period a delivery CSV export covers (?service= or ?team=, plus the page's period). */
export async function resolveExportScope(
  actor: Actor | null,
  query: TDeliveryExportQuery,
): Promise<{ ids: string[]; period: PagePeriod; name: string }> {
  authorize(actor, "read");
  const scope = query.service ? { service: query.service } : { team: query.team! };
  const ids = await serviceIdsFor(actor, scope);
  if (!ids) throw notFound(query.service ? `Service "${query.service}"` : `Team "${query.team}"`);
  return { ids, period: parsePagePeriod(query), name: query.service ?? query.team! };
}
