import "server-only";
import { authorize, type Actor } from "@/lib/core/auth/permissions";
import type { PagePeriod } from "@/lib/core/period";
import { buildDoraReport, type DoraScope } from "@/lib/delivery/domain/dora-report";
import { getDoraFigures, getWeeklyDora, listDeploymentsIn, listIncidentsIn, ZDeliveryFilter } from "./dora";

/** Everything the delivery page of a service or a team shows, read in parallel. */
export async function loadDeliveryPanel(
  actor: Actor | null,
  scope: DoraScope,
  serviceIds: string[],
  period: PagePeriod,
  searchParams: Record<string, string | undefined>,
) {
  authorize(actor, "read");
  const filter = ZDeliveryFilter.parse({
    env: searchParams.env || undefined,
    status: searchParams.status || undefined,
    page: searchParams.dpage,
  });
  const incidentPage = Math.max(1, Number(searchParams.ipage) || 1);
  const [figures, weekly, deployments, incidents] = await Promise.all([
    getDoraFigures(serviceIds, period.window),
    getWeeklyDora(serviceIds, period.window),
    listDeploymentsIn(actor, serviceIds, period.window, filter),
    listIncidentsIn(actor, serviceIds, period.window, incidentPage),
  ]);
  return { report: buildDoraReport(scope, period.window, period.benchmark, figures), weekly, deployments, incidents };
}

export type DeliveryPanel = Awaited<ReturnType<typeof loadDeliveryPanel>>;
