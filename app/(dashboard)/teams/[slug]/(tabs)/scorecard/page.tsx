import type { Metadata } from "next";
import { LineChart as LineChartIcon } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TierBadge } from "@/components/catalog/tier-badge";
import { LevelBadge } from "@/components/scorecards/level-badge";
import { LevelCounts } from "@/components/scorecards/level-counts";
import {
  BudgetComplianceTrend,
  DoraSnapshotTrends,
  LevelsArea,
  ScoreTrend,
} from "@/components/scorecards/trend-charts";
import { TrendPeriodNav } from "@/components/scorecards/trend-period-nav";
import { CsvLink } from "@/components/ui/csv-link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireUser } from "@/lib/core/auth/session";
import { budgetCompliance } from "@/lib/scorecards/server";
import { getTeamScorecardWithTrend } from "@/lib/scorecards/server";
import { formatChange, scoreChange, toTrendPoints } from "@/lib/scorecards/domain";
import { parseTrendPeriod } from "@/lib/core/period";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Scorecard · ${(await params).slug}` };
}

export default async function TeamScorecardPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { slug } = await params;
  const now = new Date();
  const period = parseTrendPeriod(await searchParams, now);
  const loaded = await getTeamScorecardWithTrend(user, slug, period.from, now);
  if (!loaded) notFound();
  const { scorecard } = loaded;
  const points = toTrendPoints(loaded.trend);
  const change = scoreChange(points);
  const compliance = budgetCompliance(scorecard.services.flatMap((s) => s.service.slos));
  const path = `/teams/${slug}/scorecard`;

  return (
    <div className="grid grid-cols-1 gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground">Live scores now; trends from daily snapshots.</p>
        <TrendPeriodNav path={path} active={period.key} />
      </div>

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Card className="p-4">
          <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Team score</p>
          <p className="mt-2 text-3xl font-semibold tabular-nums" data-testid="team-score">
            {scorecard.score ?? "—"}
          </p>
          <p
            className={`mt-1 text-xs ${change !== null && change < 0 ? "text-danger-ink" : change ? "text-success-ink" : "text-muted-foreground"}`}
            data-testid="team-score-change"
          >
            {formatChange(change, period.since)}
          </p>
        </Card>
        <Card className="p-4 sm:col-span-2">
          <p className="mb-3 text-xs font-medium tracking-wide text-muted-foreground uppercase">
            Services per level ({scorecard.services.length})
          </p>
          <LevelCounts counts={scorecard.levels} />
        </Card>
        <Card className="p-4">
          <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">SLOs within budget</p>
          <p className="mt-2 text-3xl font-semibold tabular-nums">{compliance === null ? "—" : `${compliance}%`}</p>
          <p className="mt-1 text-xs text-muted-foreground">of SLOs with data, over their windows</p>
        </Card>
      </div>

      {points.length < 2 ? (
        <Card>
          <EmptyState icon={LineChartIcon} title="No history yet">
            Snapshots are taken every day at 00:10 UTC (or now with{" "}
            <code className="font-mono">npm run cli -- snapshot</code>); the charts appear from the second day.
          </EmptyState>
        </Card>
      ) : (
        <>
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <Card>
              <CardHeader>
                <div>
                  <CardTitle>Team score</CardTitle>
                  <CardDescription>
                    Tier-weighted mean of service scores (tier 1 ×3, tier 2 ×2, tier 3 ×1)
                  </CardDescription>
                </div>
              </CardHeader>
              <CardContent>
                <ScoreTrend data={points} />
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <div>
                  <CardTitle>Services per level</CardTitle>
                  <CardDescription>As each day&apos;s snapshot judged them</CardDescription>
                </div>
              </CardHeader>
              <CardContent>
                <LevelsArea data={points} />
              </CardContent>
            </Card>
          </div>
          <section aria-label="DORA over time" className="grid grid-cols-1 gap-2">
            <h2 className="text-sm font-semibold">Delivery (rolling 90 days, as of each day)</h2>
            <DoraSnapshotTrends data={points} />
          </section>
          <Card>
            <CardHeader>
              <div>
                <CardTitle>Error-budget compliance</CardTitle>
                <CardDescription>
                  Share of the team&apos;s SLOs meeting their objective over their window
                </CardDescription>
              </div>
            </CardHeader>
            <CardContent>
              <BudgetComplianceTrend data={points} />
            </CardContent>
          </Card>
        </>
      )}

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[3fr_2fr]">
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Services</CardTitle>
              <CardDescription>Most critical first, then lowest score</CardDescription>
            </div>
            <CsvLink href={`/teams/${slug}/scorecard.csv`} />
          </CardHeader>
          <Table aria-label="Service levels">
            <THead>
              <TR>
                <TH>Service</TH>
                <TH>Tier</TH>
                <TH>Level</TH>
                <TH className="text-right">Score</TH>
                <TH className="text-right">Failing rules</TH>
              </TR>
            </THead>
            <TBody>
              {scorecard.services.map((s) => (
                <TR key={s.service.id}>
                  <TD>
                    <Link href={`/services/${s.service.slug}/scorecard`} className="font-medium hover:underline">
                      {s.service.name}
                    </Link>
                  </TD>
                  <TD>
                    <TierBadge tier={s.service.tier} />
                  </TD>
                  <TD>
                    <LevelBadge level={s.result.level} />
                  </TD>
                  <TD className="text-right tabular-nums">{s.result.score}</TD>
                  <TD className="text-right tabular-nums">{s.result.rules.filter((r) => !r.pass).length}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Failing rules, worst first</CardTitle>
              <CardDescription>Most services affected, then lowest level</CardDescription>
            </div>
          </CardHeader>
          {scorecard.failing.length === 0 ? (
            <CardContent>
              <p className="text-sm text-muted-foreground">Every rule passes for every service.</p>
            </CardContent>
          ) : (
            <ol className="divide-y divide-border" aria-label="Failing rules">
              {scorecard.failing.map((f) => (
                <li key={f.key} className="px-5 py-2.5 text-sm">
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-medium">{f.name}</span>
                    <span className="flex items-center gap-2">
                      <LevelBadge level={f.level} />
                      <span className="text-muted-foreground tabular-nums">
                        {f.services.length}/{scorecard.services.length}
                      </span>
                    </span>
                  </div>
                  <p className="mt-0.5 truncate text-xs text-muted-foreground">{f.services.join(", ")}</p>
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
    </div>
  );
}
