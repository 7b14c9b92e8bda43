import "server-only";
import { notFound } from "@/lib/core/errors";
import { parsePagePeriod, type PagePeriod } from "@/lib/core/period";
import type { TDeliveryExportQuery } from "@/lib/delivery/schemas";
import { serviceIdsFor } from "./dora";

/** The services and period a delivery CSV export covers (?service= or ?team=, plus the page's period). */
export async function resolveExportScope(query: TDeliveryExportQuery): Promise<{ ids: string[]; period: PagePeriod; name: string }> {
  const scope = query.service ? { service: query.service } : { team: query.team! };
  const ids = await serviceIdsFor(scope);
  if (!ids) throw notFound(query.service ? `Service "${query.service}"` : `Team "${query.team}"`);
  return { ids, period: parsePagePeriod(query), name: query.service ?? query.team! };
}
