import Link from "next/link";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CsvLink } from "@/components/ui/csv-link";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { cn } from "@/lib/core/cn";
import type { LeadershipData } from "@/lib/leadership/server";
import { LEADERSHIP_METRICS } from "@/lib/leadership/domain";
import { formatNumber } from "@/lib/core/format";

type Props = { data: LeadershipData; report: boolean; csv: (table: string) => string };

const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** The period's team table and the month-by-month table, each with its CSV export on the page. */
export function PeriodTables({ data, report, csv }: Props) {
  const { period } = data;
  return (
    <>
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Teams</CardTitle>
            <CardDescription>{period.label}: every team&apos;s readiness and delivery</CardDescription>
          </div>
          {report ? null : <CsvLink href={csv("teams")} />}
        </CardHeader>
        <Table aria-label="Teams in the period">
          <THead>
            <tr>
              <TH>Team</TH>
              <TH className="text-right">Score</TH>
              <TH className="text-right">Change</TH>
              <TH className="text-right">Coverage</TH>
              <TH className="text-right">Deploys</TH>
              <TH className="text-right">Lead time</TH>
              <TH className="text-right">CFR</TH>
              <TH className="text-right">Recovery</TH>
              <TH className="text-right">Incidents</TH>
              <TH className="text-right">Downtime</TH>
              <TH className="text-right">SLOs in budget</TH>
            </tr>
          </THead>
          <TBody>
            {data.teams.map((t) => (
              <TR key={t.slug}>
                <TD className="whitespace-nowrap">
                  <Link href={`/teams/${t.slug}`} className="font-medium hover:underline">
                    {t.name}
                  </Link>
                </TD>
                <TD className="text-right tabular-nums">{t.scoreEnd ?? "—"}</TD>
                <TD
                  className={cn(
                    "text-right tabular-nums",
                    (t.scoreChange ?? 0) > 0
                      ? "text-success-ink"
                      : (t.scoreChange ?? 0) < 0
                        ? "text-danger-ink"
                        : undefined,
                  )}
                >
                  {LEADERSHIP_METRICS.score.format(t.scoreChange)}
                </TD>
                <TD className="text-right tabular-nums">{LEADERSHIP_METRICS.coverage.format(t.coverage)}</TD>
                <TD className="text-right tabular-nums">{LEADERSHIP_METRICS.deployments.format(t.deployments)}</TD>
                <TD className="text-right tabular-nums">{LEADERSHIP_METRICS.leadTime.format(t.leadTimeMinutes)}</TD>
                <TD className="text-right tabular-nums">{LEADERSHIP_METRICS.cfr.format(t.changeFailureRate)}</TD>
                <TD className="text-right tabular-nums">{LEADERSHIP_METRICS.recovery.format(t.recoveryMinutes)}</TD>
                <TD className="text-right tabular-nums">{t.incidents}</TD>
                <TD className="text-right tabular-nums">{LEADERSHIP_METRICS.downtime.format(t.downtimeMinutes)}</TD>
                <TD className="text-right tabular-nums">{LEADERSHIP_METRICS.budget.format(t.budgetCompliance)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>

      <Card className="break-inside-avoid">
        <CardHeader>
          <div>
            <CardTitle>Month by month</CardTitle>
            <CardDescription>Organisation-wide, the previous period first</CardDescription>
          </div>
          {report ? null : <CsvLink href={csv("months")} />}
        </CardHeader>
        <Table aria-label="Month by month">
          <THead>
            <tr>
              <TH>Month</TH>
              <TH className="text-right">Deploys</TH>
              <TH className="text-right">Deploy days/week</TH>
              <TH className="text-right">Lead time</TH>
              <TH className="text-right">CFR</TH>
              <TH className="text-right">Recovery</TH>
              <TH className="text-right">Incidents</TH>
              <TH className="text-right">Downtime</TH>
            </tr>
          </THead>
          <TBody>
            {data.monthly.map((m) => (
              <TR key={m.month} className={m.current ? undefined : "text-muted-foreground"}>
                <TD>
                  {!report ? (
                    <Link
                      href={`/leadership/teams?${qs({ ...period.params, metric: "deployments", month: m.month })}`}
                      className="hover:underline"
                    >
                      {m.month}
                    </Link>
                  ) : (
                    m.month
                  )}
                  {m.current ? null : <span className="ml-1 text-xs">(previous)</span>}
                  {m.partial ? (
                    <span className="ml-1 text-xs text-muted-foreground" data-testid="partial-month">
                      (so far)
                    </span>
                  ) : null}
                </TD>
                <TD className="text-right tabular-nums">{formatNumber(m.deployments)}</TD>
                <TD className="text-right tabular-nums">{m.deployDaysPerWeek ?? "—"}</TD>
                <TD className="text-right tabular-nums">{LEADERSHIP_METRICS.leadTime.format(m.leadTimeMinutes)}</TD>
                <TD className="text-right tabular-nums">{LEADERSHIP_METRICS.cfr.format(m.changeFailureRate)}</TD>
                <TD className="text-right tabular-nums">{LEADERSHIP_METRICS.recovery.format(m.recoveryMinutes)}</TD>
                <TD className="text-right tabular-nums">{m.incidents}</TD>
                <TD className="text-right tabular-nums">{LEADERSHIP_METRICS.downtime.format(m.downtimeMinutes)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
    </>
  );
}
