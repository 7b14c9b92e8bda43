import { AlertTriangle } from "lucide-react";
import { DoraTrends } from "@/components/delivery/dora-trends";
import { Alert } from "@/components/ui/alert";
import type { DeliveryPanel } from "@/lib/delivery/server";
import type { DoraScope } from "@/lib/delivery/domain";
import type { PagePeriod } from "@/lib/core/period";
import { DeploymentsTable } from "./deployments-table";
import { DoraCards } from "./dora-cards";
import { IncidentsTable } from "./incidents-table";
import { PeriodPicker } from "./period-picker";

type Props = {
  scope: DoraScope;
  period: PagePeriod;
  path: string;
  searchParams: Record<string, string | undefined>;
  data: DeliveryPanel;
};

/** The delivery page of a service or a team: DORA cards, weekly trends, deployments and incidents. */
export function DeliveryView({ scope, period, path, searchParams, data }: Props) {
  const { report, weekly, deployments, incidents } = data;
  const params = Object.fromEntries(
    Object.entries({ ...period.params, ...searchParams }).filter(
      (e): e is [string, string] => typeof e[1] === "string" && e[1] !== "",
    ),
  );
  const scopeQuery = "service" in scope ? `service=${scope.service}` : `team=${scope.team}`;
  const periodQuery = new URLSearchParams(period.params).toString();
  const showService = "team" in scope;
  return (
    <div className="grid grid-cols-1 gap-6">
      <PeriodPicker path={path} period={period} />
      {report.warnings.length ? (
        <Alert tone="warning" title="Data quality">
          <ul className="grid grid-cols-1 gap-0.5" data-testid="dora-warnings">
            {report.warnings.map((w) => (
              <li key={w} className="flex gap-1.5">
                <AlertTriangle className="mt-0.5 size-3.5 shrink-0" aria-hidden /> {w}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <DoraCards report={report} />
      <DoraTrends data={weekly} benchmark={period.benchmark} />
      <DeploymentsTable
        data={deployments}
        path={path}
        params={params}
        exportHref={`/delivery/deployments.csv?${scopeQuery}&${periodQuery}`}
        showService={showService}
      />
      <IncidentsTable
        data={incidents}
        path={path}
        params={params}
        exportHref={`/delivery/incidents.csv?${scopeQuery}&${periodQuery}`}
        showService={showService}
      />
    </div>
  );
}
