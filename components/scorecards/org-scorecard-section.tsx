import { Trophy } from "lucide-react";
import Link from "next/link";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { getOrgScorecard, teamScoresByDay } from "@/lib/scorecards/server";
import { formatChange, scoreChange } from "@/lib/scorecards/domain";
import { type TrendPeriod } from "@/lib/core/period";
import { LevelBadge } from "./level-badge";
import { LevelCounts } from "./level-counts";
import { Sparkline } from "./sparkline";
import { plural } from "@/lib/core/format";

type Props = {
  period: TrendPeriod;
  scorecard: Awaited<ReturnType<typeof getOrgScorecard>>;
  history: Awaited<ReturnType<typeof teamScoresByDay>>;
};

/** All teams ranked by score, with their trend, level mix and worst rule. */
export function OrgScorecardSection({ period, scorecard, history }: Props) {
  const { org, teams } = scorecard;
  if (teams.length === 0) {
    return (
      <Card>
        <EmptyState icon={Trophy} title="No services yet">
          Add services to the catalog, or import a Backstage catalog, and their scorecards appear here.
        </EmptyState>
      </Card>
    );
  }
  const orgLevels = org.levels;
  return (
    <div className="grid grid-cols-1 gap-6">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Card className="p-4">
          <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Organisation score</p>
          <p className="mt-2 text-3xl font-semibold tabular-nums">{org.score ?? "—"}</p>
          <p className="mt-1 text-xs text-muted-foreground">
            Tier-weighted over {plural(org.services.length, "service")}
          </p>
        </Card>
        <Card className="p-4 md:col-span-2">
          <p className="mb-3 text-xs font-medium tracking-wide text-muted-foreground uppercase">Services per level</p>
          <LevelCounts counts={orgLevels} />
        </Card>
      </div>
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Teams, ranked</CardTitle>
            <CardDescription>Live score; the trend line shows daily snapshots over the period</CardDescription>
          </div>
        </CardHeader>
        <Table aria-label="Teams ranked by score">
          <THead>
            <TR>
              <TH className="w-10">#</TH>
              <TH>Team</TH>
              <TH className="text-right">Score</TH>
              <TH>Trend</TH>
              <TH>Change</TH>
              <TH>Levels</TH>
              <TH>Worst rule</TH>
            </TR>
          </THead>
          <TBody>
            {teams.map((t, i) => {
              const points = history.get(t.team.id) ?? [];
              const change = scoreChange(points.length ? [...points, { day: "now", score: t.score ?? 0 }] : []);
              return (
                <TR key={t.team.id} data-team={t.team.slug}>
                  <TD className="text-muted-foreground tabular-nums">{i + 1}</TD>
                  <TD>
                    <Link
                      href={`/teams/${t.team.slug}/scorecard?period=${period.key}`}
                      className="font-medium hover:underline"
                    >
                      {t.team.name}
                    </Link>
                    <span className="block text-xs text-muted-foreground">{plural(t.services.length, "service")}</span>
                  </TD>
                  <TD className="text-right text-base font-semibold tabular-nums">{t.score ?? "—"}</TD>
                  <TD>
                    {points.length >= 2 ? (
                      <Sparkline data={points} label={`${t.team.name} score trend`} />
                    ) : (
                      <span className="text-xs text-muted-foreground">no history</span>
                    )}
                  </TD>
                  <TD
                    className={`text-xs whitespace-nowrap ${change !== null && change < 0 ? "text-danger-ink" : change ? "text-success-ink" : "text-muted-foreground"}`}
                  >
                    {formatChange(change, "")}
                  </TD>
                  <TD>
                    <span className="flex flex-wrap gap-1">
                      {(["gold", "silver", "bronze", "none"] as const).map((l) =>
                        t.levels[l] ? (
                          <span key={l} className="inline-flex items-center gap-1">
                            <LevelBadge level={l} />
                            <span className="text-xs tabular-nums">{t.levels[l]}</span>
                          </span>
                        ) : null,
                      )}
                    </span>
                  </TD>
                  <TD className="max-w-56 truncate text-xs text-muted-foreground">
                    {t.failing[0] ? `${t.failing[0].name} (${t.failing[0].services.length})` : "none"}
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      </Card>
    </div>
  );
}
