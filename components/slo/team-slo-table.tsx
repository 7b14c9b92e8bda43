import { Gauge } from "lucide-react";
import Link from "next/link";
import { TierBadge } from "@/components/catalog/tier-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { evaluateTeamSlos } from "@/lib/slo/server";
import { SloStatusBadge } from "./slo-status-badge";
import { formatMultiple } from "@/lib/core/format";

type Rows = Awaited<ReturnType<typeof evaluateTeamSlos>>;

export function TeamSloTable({ rows }: { rows: Rows }) {
  if (rows.length === 0) return <EmptyState icon={Gauge} title="No SLOs on this team's services yet" />;
  const burn = formatMultiple;
  return (
    <Table>
      <THead>
        <tr>
          <TH>Service · SLO</TH>
          <TH>Objective</TH>
          <TH>Status</TH>
          <TH className="text-right">Budget left</TH>
          <TH className="text-right">Burn 1h</TH>
          <TH className="text-right">Burn 1d</TH>
          <TH>Alerts</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map(({ serviceName, tier, evaluation: e }) => (
          <TR key={e.id}>
            <TD>
              <Link href={`/services/${e.service}/slos`} className="font-medium hover:underline">
                {serviceName}
              </Link>{" "}
              <TierBadge tier={tier} />
              <p className="text-xs text-muted-foreground">{e.name}</p>
            </TD>
            <TD className="tabular-nums">
              {e.objective}% / {e.calendarWindow === "month" ? "month" : `${e.windowDays}d`}
            </TD>
            <TD>
              <SloStatusBadge status={e.status} />
            </TD>
            <TD
              className={`text-right tabular-nums ${e.remaining !== null && e.remaining <= 0 ? "text-danger-ink" : ""}`}
            >
              {e.remaining === null ? "—" : `${(e.remaining * 100).toFixed(1)}%`}
            </TD>
            <TD className="text-right tabular-nums">{burn(e.burnRates["1h"])}</TD>
            <TD className="text-right tabular-nums">{burn(e.burnRates["1d"])}</TD>
            <TD className="text-xs">
              {e.alerts
                .filter((a) => a.firing)
                .map((a) => `${a.severity} (${a.longWindow}/${a.shortWindow})`)
                .join(", ") || <span className="text-muted-foreground">none</span>}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
