import Link from "next/link";
import { BarChart3, Camera } from "lucide-react";
import { Headlines } from "@/components/leadership/headlines";
import { AssumptionsSection } from "@/components/leadership/assumptions-section";
import { MonthlyBars, ShareTrend } from "@/components/leadership/org-charts";
import { PeriodTables } from "@/components/leadership/period-tables";
import { RoiDerivations, RoiFigure } from "@/components/leadership/roi-figure";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/core/cn";
import type { LeadershipData } from "@/lib/leadership/server";
import { LEADERSHIP_METRICS, type LeadershipMetric } from "@/lib/leadership/domain";
import { isoDate } from "@/lib/core/calendar";

type Props = { data: LeadershipData; mode: "page" | "report"; canEdit: boolean };

const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();

function ChartCard({
  title,
  description,
  drill,
  mode,
  children,
}: {
  title: string;
  description?: string;
  drill?: string;
  mode: Props["mode"];
  children: React.ReactNode;
}) {
  return (
    <Card className="break-inside-avoid">
      <CardHeader>
        <div>
          <CardTitle>{title}</CardTitle>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </div>
        {drill && mode === "page" ? (
          <Link href={drill} className="shrink-0 text-xs font-medium whitespace-nowrap text-primary hover:underline">
            Teams behind this →
          </Link>
        ) : null}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

export function LeadershipView({ data, mode, canEdit }: Props) {
  const { period, roi, assumptions } = data;
  const report = mode === "report";
  const figures = [
    { title: "Downtime cost avoided", figure: roi.downtimeAvoided, testId: "roi-downtime" },
    { title: "Failure cost avoided", figure: roi.failureAvoided, testId: "roi-failure" },
    { title: "Cost of downtime, baseline (per year)", figure: roi.costOfDowntime.baseline, testId: "roi-cod-baseline" },
    {
      title: "Cost of downtime, this period (per year)",
      figure: roi.costOfDowntime.current,
      testId: "roi-cod-current",
    },
  ];
  const a = assumptions.values;
  const params = qs(period.params);
  const drill = (metric: LeadershipMetric) => `/leadership/teams?${qs({ ...period.params, metric })}`;
  const monthly = (pick: (m: LeadershipData["monthly"][number]) => number | null) =>
    data.monthly.map((m) => ({ month: m.month, value: pick(m), current: m.current, partial: m.partial }));
  const hasSnapshots = data.coverage.length > 0;
  const hasDelivery = data.monthly.some((m) => m.deployments > 0 || m.incidents > 0);
  const periodStart = isoDate(period.window.from);
  // ISO dates compare as strings; the baseline's `to` is inclusive.
  const baselineOverlaps = roi.baseline.to >= periodStart && roi.baseline.from <= isoDate(period.window.to);
  const csv = (table: string) => `/leadership/export/${table}.csv?${params}`;

  return (
    <div className="grid grid-cols-1 gap-8">
      <section aria-labelledby="headline" className="grid grid-cols-1 gap-3">
        <h2 id="headline" className="text-base font-semibold">
          {period.label} <span className="font-normal text-muted-foreground">compared with {period.previousLabel}</span>
        </h2>
        <Headlines data={data} mode={mode} />
      </section>

      <section aria-labelledby="roi" className="grid grid-cols-1 gap-3">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <div>
            <h2 id="roi" className="flex flex-wrap items-center gap-2 text-base font-semibold">
              Return on readiness
              {assumptions.isDefault ? (
                <Badge tone="warning" data-testid="roi-default-assumptions">
                  Estimated from default assumptions
                </Badge>
              ) : null}
            </h2>
            <p className="text-sm text-muted-foreground">
              {period.label} against the baseline {roi.baseline.from} – {roi.baseline.to}, in {a.currency}.{" "}
              {assumptions.isDefault
                ? `The assumptions are still the defaults: set your own ${report ? "on the Leadership page" : "below"}.`
                : null}{" "}
              {report
                ? "Each figure's formula is on its card; its inputs are on the last page."
                : "Every figure shows its formula and inputs."}
            </p>
          </div>
        </div>
        {baselineOverlaps ? (
          <Alert tone="warning" data-testid="roi-baseline-overlap">
            The baseline {roi.baseline.from} – {roi.baseline.to} overlaps the measured period (from {periodStart}): the
            return compares the period partly with itself, so it is understated. Set a baseline that ends before{" "}
            {periodStart}.
          </Alert>
        ) : null}
        <div
          className={cn("grid items-start gap-3", report ? "grid-cols-4" : "grid-cols-1 md:grid-cols-2 xl:grid-cols-4")}
        >
          {figures.map((f) => (
            <RoiFigure
              key={f.testId}
              title={f.title}
              figure={f.figure}
              currency={a.currency}
              testId={f.testId}
              print={report}
            />
          ))}
        </div>
      </section>

      <section
        aria-labelledby="trends"
        className={cn("grid grid-cols-1 gap-4", mode === "report" && "break-before-page")}
      >
        <h2 id="trends" className="text-base font-semibold">
          Trends{" "}
          <span className="font-normal text-muted-foreground">
            · lighter bars are the previous period
            {data.monthly.some((m) => m.partial) ? "; * marks the month under way (so far)" : ""}; select a month for
            its teams
          </span>
        </h2>
        {hasSnapshots ? (
          <div className={cn("grid gap-4", report ? "grid-cols-2" : "grid-cols-1 lg:grid-cols-2")}>
            <ChartCard
              title="Readiness coverage"
              description="Share of tier-1 and tier-2 services at silver or above, daily snapshots"
              drill={drill("coverage")}
              mode={mode}
            >
              <ShareTrend
                data={data.coverage}
                label="Coverage"
                color="var(--chart-1)"
                periodStart={periodStart}
                height={report ? "h-40" : "h-56"}
                drillHref={mode === "page" ? drill("coverage") : undefined}
              />
            </ChartCard>
            <ChartCard
              title="Error-budget compliance"
              description="Share of SLOs whose error budget is not exhausted"
              drill={drill("budget")}
              mode={mode}
            >
              <ShareTrend
                data={data.budget}
                label="SLOs within budget"
                color="var(--chart-2)"
                periodStart={periodStart}
                height={report ? "h-40" : "h-56"}
                drillHref={mode === "page" ? drill("budget") : undefined}
              />
            </ChartCard>
          </div>
        ) : (
          <EmptyState icon={Camera} title="No snapshots yet">
            Readiness coverage and budget compliance come from the daily snapshots; the first is taken at start-up.
          </EmptyState>
        )}
        {hasDelivery ? (
          <div className={cn("grid gap-4", report ? "grid-cols-3" : "md:grid-cols-2 xl:grid-cols-3")}>
            <ChartCard
              title="Deploy days per week"
              description="Median per month, organisation-wide"
              drill={drill("deployDays")}
              mode={mode}
            >
              <MonthlyBars
                height={report ? "h-32" : "h-44"}
                data={monthly((m) => m.deployDaysPerWeek)}
                label="Deploy days per week"
                color="var(--chart-1)"
                digits={1}
                drillHref={mode === "page" ? drill("deployDays") : undefined}
              />
            </ChartCard>
            <ChartCard
              title="Lead time for changes"
              description="Median hours from commit to production"
              drill={drill("leadTime")}
              mode={mode}
            >
              <MonthlyBars
                height={report ? "h-32" : "h-44"}
                data={monthly((m) => (m.leadTimeMinutes === null ? null : m.leadTimeMinutes / 60))}
                label="Lead time"
                unit="h"
                digits={1}
                color="var(--chart-5)"
                drillHref={mode === "page" ? drill("leadTime") : undefined}
              />
            </ChartCard>
            <ChartCard
              title="Change failure rate"
              description="Deployments that caused an incident"
              drill={drill("cfr")}
              mode={mode}
            >
              <MonthlyBars
                height={report ? "h-32" : "h-44"}
                data={monthly((m) => (m.changeFailureRate === null ? null : m.changeFailureRate * 100))}
                label="Change failure rate"
                unit="%"
                digits={1}
                color="var(--chart-4)"
                drillHref={mode === "page" ? drill("cfr") : undefined}
              />
            </ChartCard>
            <ChartCard
              title="Failed deployment recovery time"
              description="Median hours to restore after a failed change"
              drill={drill("recovery")}
              mode={mode}
            >
              <MonthlyBars
                height={report ? "h-32" : "h-44"}
                data={monthly((m) => (m.recoveryMinutes === null ? null : m.recoveryMinutes / 60))}
                label="Recovery time"
                unit="h"
                digits={1}
                color="var(--chart-3)"
                drillHref={mode === "page" ? drill("recovery") : undefined}
              />
            </ChartCard>
            <ChartCard
              title="Incidents"
              description="Incidents started per month"
              drill={drill("incidents")}
              mode={mode}
            >
              <MonthlyBars
                height={report ? "h-32" : "h-44"}
                data={monthly((m) => m.incidents)}
                label="Incidents"
                color="var(--chart-4)"
                drillHref={mode === "page" ? drill("incidents") : undefined}
              />
            </ChartCard>
            <ChartCard
              title="Downtime"
              description="Hours of incident time per month"
              drill={drill("downtime")}
              mode={mode}
            >
              <MonthlyBars
                height={report ? "h-32" : "h-44"}
                data={monthly((m) => m.downtimeMinutes / 60)}
                label="Downtime"
                unit="h"
                digits={0}
                color="var(--chart-3)"
                drillHref={mode === "page" ? drill("downtime") : undefined}
              />
            </ChartCard>
          </div>
        ) : (
          <EmptyState icon={BarChart3} title="No deployments or incidents in these months">
            Report deployments and incidents through the API, the GitHub and PagerDuty webhooks, or CSV import.
          </EmptyState>
        )}
      </section>

      <section
        aria-labelledby="movers"
        className={cn("grid break-inside-avoid gap-4", report ? "break-before-page grid-cols-2" : "md:grid-cols-2")}
      >
        <h2 id="movers" className="sr-only">
          Teams that moved most
        </h2>
        {(
          [
            ["Improved most", data.improved, "text-success-ink"],
            ["Slipped", data.slipped, "text-danger-ink"],
          ] as const
        ).map(([title, rows, tone]) => (
          <Card key={title}>
            <CardHeader>
              <div>
                <CardTitle>{title}</CardTitle>
                <CardDescription>Scorecard score, first to last snapshot of the period</CardDescription>
              </div>
            </CardHeader>
            {rows.length ? (
              <ul className="divide-y divide-border" aria-label={title}>
                {rows.map((t) => (
                  <li key={t.slug} className="flex items-center justify-between px-5 py-2.5 text-sm">
                    <Link href={`/teams/${t.slug}/scorecard`} className="font-medium hover:underline">
                      {t.name}
                    </Link>
                    <span className="text-muted-foreground tabular-nums">
                      {t.scoreStart} → {t.scoreEnd}{" "}
                      <span className={cn("ml-2 font-semibold", tone)}>
                        {LEADERSHIP_METRICS.score.format(t.scoreChange)}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="px-5 pb-5 text-sm text-muted-foreground">
                No team {title === "Slipped" ? "lost" : "gained"} score in this period.
              </p>
            )}
          </Card>
        ))}
      </section>

      <PeriodTables data={data} report={report} csv={csv} />

      <AssumptionsSection data={data} report={report} canEdit={canEdit} csvHref={csv("assumptions")} />
      {report ? (
        <section aria-labelledby="derivations" className="grid break-inside-avoid grid-cols-1 gap-3">
          <h2 id="derivations" className="text-base font-semibold">
            How the figures are computed
          </h2>
          <RoiDerivations figures={figures} />
        </section>
      ) : null}
    </div>
  );
}
