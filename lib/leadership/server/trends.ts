import "server-only";
import { authorize, type Actor } from "@/lib/core/auth/permissions";
import type { Prisma } from "@/generated/prisma/client";
import { reader } from "@/lib/core/db/replicas";
import type { TeamMetricRow } from "@/lib/leadership/domain/metrics";
import { monthWindow, type LeadershipPeriod } from "@/lib/core/period";
import { DAY_MS, isoDate } from "@/lib/core/calendar";
import type { Window } from "@/lib/delivery/domain";
import { buildDoraReport, periodsOverlapping } from "@/lib/delivery/domain";
import { doraForWindows, EMPTY_FIGURES, getDoraFiguresByKey, incidentTotalsOf } from "@/lib/delivery/server";
import type { KeyIncidents } from "@/lib/delivery/server";
import type { DoraFigures } from "@/lib/delivery/domain";
import type { TeamSnapshotData } from "@/lib/scorecards/server";

// ─── Organisation trends ─────────────────────────────────────────────────────

export type MonthRow = {
  month: string;
  current: boolean;
  /** The month is cut short by the period's end (the month under way): its totals are not comparable. */
  partial: boolean;
  deployments: number;
  deployDaysPerWeek: number | null;
  leadTimeMinutes: number | null;
  changeFailureRate: number | null;
  recoveryMinutes: number | null;
  incidents: number;
  downtimeMinutes: number;
};

export type DayShare = { day: string; share: number | null };

export type TeamRow = TeamMetricRow;

async function activeServices() {
  return reader().service.findMany({ where: { archivedAt: null }, select: { id: true, teamId: true, tier: true } });
}

export async function incidentTotals(w: Window, by: "month" | "team") {
  const rows =
    by === "month"
      ? await reader().$queryRaw<Array<{ key: Date; n: bigint; minutes: number | null }>>`
          select date_trunc('month', i."startedAt", 'UTC') as key, count(*) as n,
                 sum(extract(epoch from (coalesce(i."resolvedAt", least(now(), ${w.to})) - i."startedAt")) / 60)::float8 as minutes
          from "Incident" i join "Service" s on s.id = i."serviceId"
          where s."archivedAt" is null and i."startedAt" >= ${w.from} and i."startedAt" < ${w.to}
          group by 1`
      : await reader().$queryRaw<Array<{ key: string; n: bigint; minutes: number | null }>>`
          select s."teamId" as key, count(*) as n,
                 sum(extract(epoch from (coalesce(i."resolvedAt", least(now(), ${w.to})) - i."startedAt")) / 60)::float8 as minutes
          from "Incident" i join "Service" s on s.id = i."serviceId"
          where s."archivedAt" is null and i."startedAt" >= ${w.from} and i."startedAt" < ${w.to}
          group by 1`;
  return new Map(
    rows.map((r) => [
      r.key instanceof Date ? isoDate(r.key).slice(0, 7) : String(r.key),
      { incidents: Number(r.n), downtimeMinutes: Math.round(r.minutes ?? 0) },
    ]),
  );
}

/** Incident counts and downtime per team or month from incidents already read (see `leadershipFigures`). */
export function incidentTotalsFrom(incidents: Map<string, KeyIncidents>, w: Window, by: "month" | "team") {
  // The window's months, latest first: an incident's is the first that starts by its start.
  const months = periodsOverlapping(w, "month")
    .map((m) => ({ at: m.getTime(), label: isoDate(m).slice(0, 7) }))
    .reverse();
  const month = (_team: string, started: number) => months.find((m) => m.at <= started)?.label ?? "";
  return incidentTotalsOf(incidents, w, by === "month" ? month : (team) => team, Date.now());
}

/**
 * The page's DORA figures: the organisation over both periods and each of their months, and every
 * team over the period; and the incidents of the active services that started or were resolved in
 * the two periods, per team, for its incident counts (`incidentTotalsFrom`).
 */
export type LeadershipFigures = {
  current: DoraFigures;
  previous: DoraFigures;
  teams: Map<string, DoraFigures>;
  months: DoraFigures[];
  incidents: Map<string, KeyIncidents>;
};

/** Every DORA figure the page shows, from one read of the rollups over both periods. */
export async function leadershipFigures(period: LeadershipPeriod): Promise<LeadershipFigures> {
  const services = await activeServices();
  const org = () => "org";
  const {
    figures: [current, previous, teams, ...months],
    incidents,
  } = await doraForWindows({ serviceIds: services.map((s) => s.id), keys: services.map((s) => s.teamId) }, [
    { window: period.window, group: org },
    { window: period.previous, group: org },
    { window: period.window, group: (team) => team },
    ...period.months.map((month) => ({ window: monthWindow(month, period.window.to), group: org })),
  ]);
  return {
    current: current.get("org") ?? EMPTY_FIGURES,
    previous: previous.get("org") ?? EMPTY_FIGURES,
    teams,
    months: months.map((m) => m.get("org") ?? EMPTY_FIGURES),
    incidents,
  };
}

/** Organisation-wide DORA, incidents and downtime for each month of the two periods. */
export async function orgMonthly(
  period: LeadershipPeriod,
  known?: Pick<LeadershipFigures, "months" | "incidents">,
): Promise<MonthRow[]> {
  const span = { from: period.previous.from, to: period.window.to };
  const [incidents, figuresOfMonths] = await Promise.all([
    known ? incidentTotalsFrom(known.incidents, span, "month") : incidentTotals(span, "month"),
    known?.months ?? leadershipFigures(period).then((f) => f.months),
  ]);
  const rows: MonthRow[] = [];
  for (const [i, month] of period.months.entries()) {
    const w = monthWindow(month, period.window.to);
    const figures = figuresOfMonths[i] ?? EMPTY_FIGURES;
    const r = buildDoraReport({ team: "org" }, w, "2023", figures);
    rows.push({
      month,
      current: w.from >= period.window.from,
      partial: w.to.getTime() < Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1),
      deployments: r.deploymentFrequency.deployments,
      deployDaysPerWeek: r.deploymentFrequency.medianDeployDaysPerWeek,
      leadTimeMinutes: r.leadTimeForChanges.medianMinutes,
      changeFailureRate: r.changeFailureRate.ratio,
      recoveryMinutes: r.failedDeploymentRecoveryTime.medianMinutes,
      incidents: incidents.get(month)?.incidents ?? 0,
      downtimeMinutes: incidents.get(month)?.downtimeMinutes ?? 0,
    });
  }
  return rows;
}

/** Per day: the share of tier-1 and tier-2 services at silver or above, from the daily snapshots. */
export async function coverageSeries(w: Window): Promise<DayShare[]> {
  const rows = await reader().$queryRaw<Array<{ day: Date; share: number | null }>>`
    select ss.day, (count(*) filter (where ss.level in ('silver', 'gold')))::float8 / nullif(count(*), 0) as share
    from "ServiceSnapshot" ss join "Service" s on s.id = ss."serviceId"
    where s.tier in (1, 2) and s."archivedAt" is null and ss.day >= ${w.from}::date and ss.day < ${w.to}::date
    group by ss.day order by ss.day`;
  return rows.map((r) => ({ day: isoDate(r.day), share: r.share }));
}

/** Per day: the share of SLOs whose error budget is not exhausted, from the team snapshots. */
export async function budgetSeries(w: Window): Promise<DayShare[]> {
  const rows = await reader().$queryRaw<Array<{ day: Date; total: number; exhausted: number }>>`
    select day, sum(coalesce((data->'slos'->>'total')::int, 0))::int as total, sum(coalesce((data->'slos'->>'exhausted')::int, 0))::int as exhausted
    from "TeamSnapshot" where day >= ${w.from}::date and day < ${w.to}::date
    group by day order by day`;
  return rows.map((r) => ({ day: isoDate(r.day), share: r.total > 0 ? (r.total - r.exhausted) / r.total : null }));
}

/** Every team over a window: score change (snapshots), coverage, DORA, incidents and budgets. */
export async function teamBreakdown(
  actor: Actor | null,
  w: Window,
  known?: { teams: Map<string, DoraFigures>; incidents: Map<string, KeyIncidents> },
): Promise<TeamRow[]> {
  authorize(actor, "read");
  const [teams, services] = await Promise.all([
    reader().team.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } }),
    activeServices(),
  ]);
  const lastDay = new Date(w.to.getTime() - DAY_MS);
  const [dora, incidents, edges, coverage] = await Promise.all([
    known?.teams ??
      getDoraFiguresByKey({ serviceIds: services.map((s) => s.id), keys: services.map((s) => s.teamId) }, w),
    known ? incidentTotalsFrom(known.incidents, w, "team") : incidentTotals(w, "team"),
    reader().$queryRaw<Array<{ teamId: string; first: number | null; last: number | null; data: Prisma.JsonValue }>>`
      select distinct on (t."teamId") t."teamId",
             (select score from "TeamSnapshot" f where f."teamId" = t."teamId" and f.day >= ${w.from}::date and f.day <= ${lastDay}::date order by f.day asc limit 1) as first,
             t.score as last, t.data
      from "TeamSnapshot" t where t.day >= ${w.from}::date and t.day <= ${lastDay}::date
      order by t."teamId", t.day desc`,
    reader().$queryRaw<Array<{ teamId: string; share: number | null }>>`
      select s."teamId", (count(*) filter (where ss.level in ('silver', 'gold')))::float8 / nullif(count(*), 0) as share
      from "ServiceSnapshot" ss join "Service" s on s.id = ss."serviceId"
      where s.tier in (1, 2) and s."archivedAt" is null
        and ss.day = (select max(day) from "ServiceSnapshot" where day >= ${w.from}::date and day <= ${lastDay}::date)
      group by s."teamId"`,
  ]);
  const edgeOf = new Map(edges.map((e) => [e.teamId, e]));
  const coverageOf = new Map(coverage.map((c) => [c.teamId, c.share]));
  const count = new Map<string, number>();
  for (const s of services) count.set(s.teamId, (count.get(s.teamId) ?? 0) + 1);
  return teams
    .filter((t) => count.has(t.id))
    .map((t) => {
      const r = buildDoraReport({ team: t.slug }, w, "2023", dora.get(t.id) ?? EMPTY_FIGURES);
      const e = edgeOf.get(t.id);
      const slos = (e?.data as TeamSnapshotData | null)?.slos;
      const first = e?.first ?? null;
      const last = e?.last ?? null;
      return {
        slug: t.slug,
        name: t.name,
        services: count.get(t.id) ?? 0,
        scoreStart: first,
        scoreEnd: last,
        scoreChange: first !== null && last !== null ? Math.round((last - first) * 10) / 10 : null,
        coverage: coverageOf.get(t.id) ?? null,
        deployments: r.deploymentFrequency.deployments,
        deployDaysPerWeek: r.deploymentFrequency.medianDeployDaysPerWeek,
        leadTimeMinutes: r.leadTimeForChanges.medianMinutes,
        changeFailureRate: r.changeFailureRate.ratio,
        recoveryMinutes: r.failedDeploymentRecoveryTime.medianMinutes,
        incidents: incidents.get(t.id)?.incidents ?? 0,
        downtimeMinutes: incidents.get(t.id)?.downtimeMinutes ?? 0,
        budgetCompliance: slos && slos.total > 0 ? (slos.total - slos.exhausted) / slos.total : null,
      };
    });
}
