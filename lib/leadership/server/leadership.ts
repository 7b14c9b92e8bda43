import "server-only";
import { authorize, SYSTEM_ACTOR, type Actor } from "@/lib/core/auth/permissions";
import { onReplica, reader } from "@/lib/core/db/replicas";
import { cachedView } from "@/lib/core/db/view-cache";
import type { HeadlineUnit } from "@/lib/leadership/domain/metrics";
import type { LeadershipPeriod } from "@/lib/core/period";
import { DAY_MS, isoDate } from "@/lib/core/calendar";
import type { Window } from "@/lib/delivery/domain";
import { buildDoraReport } from "@/lib/delivery/domain";
import type { DoraFigures } from "@/lib/delivery/domain";
import { computeRoi, getRoiAssumptions, listRoiRevisions, type StoredAssumptions } from "./roi";
import type { KeyIncidents } from "@/lib/delivery/server";
import {
  budgetSeries,
  coverageSeries,
  incidentTotalsFrom,
  leadershipFigures,
  orgMonthly,
  teamBreakdown,
  type DayShare,
} from "./trends";

export * from "./trends";

// ─── The page's data, in one place (page, report and CSV exports read the same) ─

export type Headline = {
  label: string;
  current: number | null;
  previous: number | null;
  unit: HeadlineUnit;
  better: "up" | "down";
};

async function orgTotals(w: Window, known: Promise<{ figures: DoraFigures; incidents: Map<string, KeyIncidents> }>) {
  const { figures, incidents: read } = await known;
  const incidents = incidentTotalsFrom(read, w, "team");
  const r = buildDoraReport({ team: "org" }, w, "2023", figures);
  const sum = [...incidents.values()].reduce(
    (t, x) => ({ incidents: t.incidents + x.incidents, downtimeMinutes: t.downtimeMinutes + x.downtimeMinutes }),
    { incidents: 0, downtimeMinutes: 0 },
  );
  return {
    report: r,
    failures: { deployments: figures.cfr.deployments, failedDeployments: figures.cfr.failedDeployments },
    ...sum,
  };
}

const lastShare = (series: DayShare[], w: Window) => {
  const inWindow = series.filter((p) => p.day >= isoDate(w.from) && p.day < isoDate(w.to) && p.share !== null);
  return inWindow.at(-1)?.share ?? null;
};

// The page aggregates the organisation's daily rollups and incidents over two periods, month by
// month: a few seconds of work at 2,000 services. Its result is kept in the shared view cache
// (every replica serves it) for twenty minutes per period and version of the assumptions, so a saved
// change shows at once, and any ingest that changes a rollup drops it; the `leadership-warm` job recomputes the default view every fifteen minutes,
// so readers rarely wait; `fresh` recomputes it.
const LEADERSHIP_TTL_MS = 20 * 60_000;

export async function loadLeadership(
  actor: Actor | null,
  period: LeadershipPeriod,
  opts: { fresh?: boolean } = {},
): Promise<LeadershipData> {
  authorize(actor, "read");
  const assumptions = await getRoiAssumptions();
  const key =
    "leadership:v2|" +
    [period.window.from, period.window.to, period.previous.from, period.previous.to]
      .map((d) => d.toISOString())
      .join("|") +
    `|${assumptions.updatedAt?.toISOString() ?? "defaults"}|${assumptions.values.baseline.from}`;
  // A period that ended over a day ago no longer changes (late reports aside): keep it six hours.
  const closed = period.window.to.getTime() < Date.now() - DAY_MS;
  const ttl = closed ? 6 * 60 * 60_000 : LEADERSHIP_TTL_MS;
  const compute = () => onReplica("leadership", () => computeLeadership(period, assumptions));
  return (await cachedView(key, ttl, compute, { ...opts, rollups: true })).value;
}

/**
 * How much of the previous period has data at all: a period before the first deployment was recorded
 * compares nothing, and its "+274%" would mislead.
 */
async function previousCoverage(period: LeadershipPeriod) {
  const first = (await reader().deployment.aggregate({ _min: { finishedAt: true } }))._min.finishedAt;
  const from = period.previous.from.getTime();
  const to = period.previous.to.getTime();
  const covered = first === null ? 0 : Math.max(0, to - Math.max(from, first.getTime()));
  return {
    dataSince: first ? isoDate(first) : null,
    previousCoverage: to > from ? Math.min(1, covered / (to - from)) : 0,
  };
}

async function computeLeadership(period: LeadershipPeriod, assumptions: StoredAssumptions) {
  const span: Window = { from: period.previous.from, to: period.window.to };
  // Every DORA figure of the page, and its incident counts, from one read of the rollups and the
  // incidents over both periods; everything else at the same time.
  const figures = leadershipFigures(period);
  const currentTotals = orgTotals(
    period.window,
    figures.then((f) => ({ figures: f.current, incidents: f.incidents })),
  );
  const [monthly, coverage, budget, teams, current, previous, roi, revisions, comparison] = await Promise.all([
    figures.then((f) => orgMonthly(period, f)),
    coverageSeries(span),
    budgetSeries(span),
    figures.then((f) => teamBreakdown(SYSTEM_ACTOR, period.window, f)),
    currentTotals,
    orgTotals(
      period.previous,
      figures.then((f) => ({ figures: f.previous, incidents: f.incidents })),
    ),
    computeRoi(period, assumptions.values, { current: currentTotals.then((c) => c.failures) }),
    listRoiRevisions(),
    previousCoverage(period),
  ]);
  const headline: Headline[] = [
    {
      label: "Readiness coverage (tier 1–2 at silver+)",
      current: lastShare(coverage, period.window),
      previous: lastShare(coverage, period.previous),
      unit: "pct",
      better: "up",
    },
    {
      label: "Deployments",
      current: current.report.deploymentFrequency.deployments,
      previous: previous.report.deploymentFrequency.deployments,
      unit: "count",
      better: "up",
    },
    {
      label: "Median lead time",
      current: current.report.leadTimeForChanges.medianMinutes,
      previous: previous.report.leadTimeForChanges.medianMinutes,
      unit: "minutes",
      better: "down",
    },
    {
      label: "Change failure rate",
      current: current.report.changeFailureRate.ratio,
      previous: previous.report.changeFailureRate.ratio,
      unit: "pct",
      better: "down",
    },
    {
      label: "Median recovery time",
      current: current.report.failedDeploymentRecoveryTime.medianMinutes,
      previous: previous.report.failedDeploymentRecoveryTime.medianMinutes,
      unit: "minutes",
      better: "down",
    },
    { label: "Incidents", current: current.incidents, previous: previous.incidents, unit: "count", better: "down" },
    {
      label: "Downtime",
      current: current.downtimeMinutes,
      previous: previous.downtimeMinutes,
      unit: "minutes",
      better: "down",
    },
    {
      label: "SLOs within budget",
      current: lastShare(budget, period.window),
      previous: lastShare(budget, period.previous),
      unit: "pct",
      better: "up",
    },
  ];
  const withChange = teams.filter((t) => t.scoreChange !== null);
  return {
    computedAt: new Date(),
    period,
    comparison,
    assumptions,
    revisions,
    monthly,
    coverage,
    budget,
    teams,
    headline,
    roi,
    improved: [...withChange]
      .filter((t) => (t.scoreChange ?? 0) > 0)
      .sort((a, b) => (b.scoreChange ?? 0) - (a.scoreChange ?? 0))
      .slice(0, 5),
    slipped: [...withChange]
      .filter((t) => (t.scoreChange ?? 0) < 0)
      .sort((a, b) => (a.scoreChange ?? 0) - (b.scoreChange ?? 0))
      .slice(0, 5),
  };
}
export type LeadershipData = Awaited<ReturnType<typeof computeLeadership>>;
