import { BellRing, ShieldAlert } from "lucide-react";
import { BurnDownChart, BurnRateChart } from "@/components/slo/slo-charts";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { BurnDownPoint, BurnWindow, SloEvaluation } from "@/lib/slo/domain";
import { BudgetBar } from "./budget-bar";
import { SloStatusBadge } from "./slo-status-badge";
import { formatMultiple, formatNumber } from "@/lib/core/format";
import type { SloSourceDto } from "@/lib/slo/server";
import { SloSourceNote } from "./slo-source-note";

type Props = {
  evaluation: SloEvaluation;
  description: string | null;
  burnDown: BurnDownPoint[];
  burnRates: Array<{ at: Date; burnRate: number | null }>;
  policy: string | null;
  source: SloSourceDto | null;
  now: Date;
};

const WINDOWS: BurnWindow[] = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"];

export function SloCard({ evaluation: e, description, burnDown, burnRates, policy, source, now }: Props) {
  const fmt = formatMultiple;
  return (
    <Card aria-label={`SLO ${e.name}`}>
      <CardHeader>
        <div>
          <CardTitle className="text-base">
            {e.name}{" "}
            <span className="font-normal text-muted-foreground">
              · {e.objective}% over {e.calendarWindow === "month" ? "the calendar month" : `${e.windowDays} days`}
            </span>
          </CardTitle>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </div>
        <SloStatusBadge status={e.status} />
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-5">
        {source ? <SloSourceNote source={source} now={now} /> : null}
        <div className="grid grid-cols-1 gap-4 md:grid-cols-[1fr_1.3fr]">
          <div className="grid grid-cols-1 content-start gap-4">
            <BudgetBar remaining={e.remaining} label={`${e.name} error budget remaining`} />
            <p className="text-xs text-muted-foreground">
              {formatNumber(e.window.total)} requests in the window, {formatNumber(e.window.total - e.window.good)} bad
              (budget {(e.errorBudget * 100).toPrecision(2)}%).
            </p>
            <div>
              <p className="mb-1.5 text-xs font-medium tracking-wide text-muted-foreground uppercase">Burn rate</p>
              <div className="grid grid-cols-7 gap-1 text-center text-xs">
                {WINDOWS.map((w) => (
                  <div key={w} className="rounded-md bg-muted px-1 py-1.5">
                    <div className="text-muted-foreground">{w}</div>
                    <div className="font-medium tabular-nums">{fmt(e.burnRates[w])}</div>
                  </div>
                ))}
              </div>
            </div>
            <div>
              <p className="mb-1.5 text-xs font-medium tracking-wide text-muted-foreground uppercase">
                Alerts (multi-window, multi-burn-rate)
              </p>
              <ul className="grid grid-cols-1 gap-1 text-sm">
                {e.alerts.map((a) => (
                  <li key={`${a.severity}-${a.longWindow}`} className="flex items-center justify-between gap-2">
                    <span className="flex items-center gap-1.5">
                      <BellRing
                        className={a.firing ? "size-3.5 text-danger-ink" : "size-3.5 text-muted-foreground"}
                        aria-hidden
                      />
                      {a.severity} · {a.longWindow} and {a.shortWindow} above {a.factor.toFixed(a.factor % 1 ? 2 : 0)}×
                    </span>
                    {a.firing ? <Badge tone="danger">firing</Badge> : <Badge>ok</Badge>}
                  </li>
                ))}
              </ul>
            </div>
          </div>
          <div className="grid grid-cols-1 content-start gap-4">
            <div>
              <p className="mb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">
                Error-budget burn-down ({e.calendarWindow === "month" ? "this month" : `${e.windowDays} days`})
              </p>
              <BurnDownChart
                points={burnDown.map((p) => ({ at: p.at.toISOString(), remaining: p.remaining, ideal: p.ideal }))}
              />
            </div>
            <div>
              <p className="mb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">
                Burn rate per hour (7 days)
              </p>
              <BurnRateChart
                points={burnRates.map((p) => ({ at: p.at.toISOString(), burnRate: p.burnRate }))}
                pageFactor={e.alerts[0].factor}
                ticketFactor={e.alerts[2].factor}
              />
            </div>
          </div>
        </div>
        {e.status === "exhausted" ? (
          <div role="note" className="rounded-md border border-danger/30 bg-danger-soft p-3 text-sm">
            <p className="flex items-center gap-1.5 font-medium text-danger-ink">
              <ShieldAlert className="size-4" aria-hidden /> Error budget exhausted: the error-budget policy applies
            </p>
            <p className="mt-1 text-foreground">
              {policy ?? "No policy is written for this service yet. The platform team can add one below."}
            </p>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
