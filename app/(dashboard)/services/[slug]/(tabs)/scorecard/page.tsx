import type { Metadata } from "next";
import { ArrowUpRight, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LEVEL_LABEL, LevelBadge } from "@/components/scorecards/level-badge";
import { RuleList } from "@/components/scorecards/rule-list";
import { ScoreTrend } from "@/components/scorecards/trend-charts";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Progress } from "@/components/ui/progress";
import { requireUser } from "@/lib/core/auth/session";
import { getServiceScorecard, listExemptions } from "@/lib/scorecards/server";
import { RequestExemptionForm } from "@/components/scorecards/exemption-forms";
import { Badge } from "@/components/ui/badge";
import { can } from "@/lib/core/auth/permissions";
import { serviceTrend } from "@/lib/scorecards/server";
import {
  describeScope,
  formatChange,
  scoreChange,
  toTrendPoints,
  type Level,
  type RuleResult,
} from "@/lib/scorecards/domain";
import { parseTrendPeriod } from "@/lib/core/period";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Scorecard · ${(await params).slug}` };
}

export default async function ServiceScorecardPage({ params }: Props) {
  const user = await requireUser();
  const { slug } = await params;
  const now = new Date();
  const scorecard = await getServiceScorecard(user, slug, now);
  if (!scorecard) notFound();
  const period = parseTrendPeriod({}, now);
  const points = toTrendPoints(await serviceTrend(user, scorecard.service.id, period.from, now));
  const { result } = scorecard;
  if (!scorecard.scorecard) {
    return (
      <Card>
        <EmptyState icon={ShieldCheck} title="No scorecard is enabled">
          A platform user can enable one in Settings → Scorecards.
        </EmptyState>
      </Card>
    );
  }
  const next = result.nextLevel;
  const canRequest = can(user, "waiver.request", { teamId: scorecard.service.teamId });
  const exemptions = (await listExemptions(user, { service: slug })).filter(
    (e) => e.state === "pending" || e.state === "active",
  );
  const open = new Set(exemptions.map((e) => `${e.scorecard}:${e.rule}`));
  const cardKey = scorecard.scorecard.key;
  const failing = result.rules
    .filter((r) => !r.pass && !open.has(`${cardKey}:${r.key}`))
    .map((r) => ({ key: r.key, name: r.name }));
  if (!scorecard.inScope) {
    return (
      <div className="grid grid-cols-1 gap-6">
        <Card>
          <EmptyState icon={ShieldCheck} title={`Not in the scope of ${scorecard.scorecard.name}`}>
            It applies to: {describeScope(scorecard.scorecard.scope)}. This service has no level on it, and its
            team&apos;s roll-up leaves it out.
          </EmptyState>
        </Card>
        <OtherScorecards others={scorecard.others} slug={slug} />
      </div>
    );
  }
  return (
    <div className="grid grid-cols-1 gap-6">
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-1">
          <CardHeader>
            <div>
              <CardTitle>{scorecard.scorecard.name}</CardTitle>
              <CardDescription>Evaluated now, from live facts</CardDescription>
            </div>
          </CardHeader>
          <CardContent className="space-y-4">
            <div className="flex items-center gap-3" data-testid="service-level" data-level={result.level}>
              <LevelBadge level={result.level} size="lg" />
              <span className="text-3xl font-semibold tabular-nums" data-testid="service-score">
                {result.score}
              </span>
              <span className="text-sm text-muted-foreground">/ 100</span>
            </div>
            <Progress value={result.score} label={`Score ${result.score} of 100`} />
            <p className="text-xs text-muted-foreground">{formatChange(scoreChange(points), "in the last 90 days")}</p>
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <div>
              <CardTitle>{next ? `To reach ${LEVEL_LABEL[next.level]}` : "Top level reached"}</CardTitle>
              <CardDescription>
                {next
                  ? `${next.failing.length} rule${next.failing.length === 1 ? "" : "s"} to fix, lowest level first`
                  : "Every rule passes. Keep it that way: the deploy gate checks it on every release."}
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            {next ? (
              <ol className="space-y-2" aria-label="Rules to fix for the next level">
                {next.failing.map((r) => (
                  <li
                    key={r.key}
                    id={`fix-${r.key}`}
                    className="flex scroll-mt-20 items-start gap-2 rounded-md text-sm target:bg-accent target:ring-2 target:ring-primary/30"
                  >
                    <LevelBadge level={r.level} />
                    <span>
                      <span className="font-medium">{r.name}</span>
                      <span className="block text-xs text-muted-foreground">{r.reason}</span>
                    </span>
                  </li>
                ))}
              </ol>
            ) : null}
            {exemptions.length > 0 ? (
              <ul className="mt-4 grid grid-cols-1 gap-1 text-xs" aria-label="Rule exemptions">
                {exemptions.map((e) => (
                  <li key={e.id}>
                    <Badge tone={e.state === "active" ? "success" : "warning"}>
                      {e.state === "active" ? `exempt until ${e.expiresAt.slice(0, 10)}` : "exemption pending"}
                    </Badge>{" "}
                    {e.ruleName} <span className="text-muted-foreground">({e.scorecard})</span>
                  </li>
                ))}
              </ul>
            ) : null}
            {canRequest && failing.length > 0 ? (
              <details className="mt-4 rounded-md border border-border">
                <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium text-primary">
                  Request an exemption from a failing rule
                </summary>
                <div className="p-3">
                  <RequestExemptionForm
                    service={slug}
                    scorecard={scorecard.scorecard.key}
                    rules={failing}
                    defaultExpiry={new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10)}
                  />
                </div>
              </details>
            ) : null}
            <p className="mt-4 text-xs text-muted-foreground">
              CI gate:{" "}
              <code className="rounded bg-muted px-1 py-0.5 font-mono">npm run cli -- gate {slug} --level silver</code>{" "}
              or{" "}
              <code className="rounded bg-muted px-1 py-0.5 font-mono">
                GET /api/v1/services/{slug}/gate?level=silver
              </code>
            </p>
          </CardContent>
        </Card>
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <CardHeader>
            <div>
              <CardTitle>Rules</CardTitle>
              <CardDescription>
                A service reaches the highest level whose rules, and every lower level&apos;s, all pass.
              </CardDescription>
            </div>
            <Link
              href={`/services/${slug}`}
              className="inline-flex items-center gap-1 text-xs font-medium text-primary hover:underline"
            >
              Checklist <ArrowUpRight className="size-3" aria-hidden />
            </Link>
          </CardHeader>
          <RuleList rules={result.rules} factsHref={`/services/${slug}/facts`} />
        </Card>
        <div className="grid grid-cols-1 content-start gap-6 lg:col-span-2">
          <Card>
            <CardHeader>
              <div>
                <CardTitle>Score, last 90 days</CardTitle>
                <CardDescription>From daily snapshots</CardDescription>
              </div>
            </CardHeader>
            <CardContent>
              {points.length >= 2 ? (
                <ScoreTrend data={points} height="h-48" />
              ) : (
                <p className="text-sm text-muted-foreground">History starts with tonight&apos;s snapshot.</p>
              )}
            </CardContent>
          </Card>
          <OtherScorecards others={scorecard.others} slug={slug} />
        </div>
      </div>
    </div>
  );
}

/** The other enabled scorecards whose scope includes the service, each with its rules. */
function OtherScorecards({
  others,
  slug,
}: {
  others: Array<{ key: string; name: string; result: { level: Level; rules: RuleResult[] } }>;
  slug: string;
}) {
  return others.map((o) => (
    <Card key={o.key}>
      <CardHeader>
        <div>
          <CardTitle>{o.name}</CardTitle>
          <CardDescription>Additional scorecard</CardDescription>
        </div>
        <LevelBadge level={o.result.level} />
      </CardHeader>
      <RuleList rules={o.result.rules} factsHref={`/services/${slug}/facts`} />
    </Card>
  ));
}
