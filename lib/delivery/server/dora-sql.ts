import "server-only";
import { reader } from "@/lib/core/db/replicas";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { DAY_MS, isoDate } from "@/lib/core/calendar";
import type { Window } from "@/lib/delivery/domain/dora";
import type { DoraFigures } from "@/lib/delivery/domain/dora-report";
import { EMPTY_FIGURES, figuresOf, type ScopeMembers, type SqlRow } from "./dora-figures";
import { deployDayMediansSql, incidentJoinsSql, incidentSamplesSql, scopeCte } from "./dora-sql-base";
import { ROLLUPS_CURRENT, rollupSource } from "./rollup-source";

// DORA figures computed in Postgres from the daily rollups ("DeliveryDay", one row per service and
// UTC day: migration 20261202190000_delivery_days), or through the view "DeliveryDayCurrent" when
// some of the window's days wait for the refresher (./rollup-source.ts), so the figures are exact
// whatever its lag. A window's whole days come
// from the rollups; the partial days at its edges (a window ending now ends in today) are computed
// from the events by the same SQL function that computes the rollups. Medians are taken over every
// sample of the window, so they are DevLake's exact lower median (percentile_disc(0.5)), not a
// median of daily medians. Incidents are fewer, and are read from their own table with the link to
// the deployment each counts against and its finish time, stored when it is written
// (Incident."linkedDeploymentId", "linkedFinishedAt").
// tests/integration/dora-precomputed.test.ts holds this path to the event-table path
// (./dora-sql-base.ts) and to the TypeScript definitions on random data.

export type { ScopeMembers } from "./dora-figures";
export { EMPTY_FIGURES } from "./dora-figures";

/** A window's whole UTC days, and the partial days before and after them. */
export function splitWindow(w: Window): { days: { from: string; to: string }; edges: Window[] } {
  const first = Math.ceil(w.from.getTime() / DAY_MS) * DAY_MS;
  const last = Math.floor(w.to.getTime() / DAY_MS) * DAY_MS;
  if (first >= last) return { days: { from: isoDate(new Date(first)), to: isoDate(new Date(first)) }, edges: [w] };
  const edges: Window[] = [];
  if (w.from.getTime() < first) edges.push({ from: w.from, to: new Date(first) });
  if (last < w.to.getTime()) edges.push({ from: new Date(last), to: w.to });
  return { days: { from: isoDate(new Date(first)), to: isoDate(new Date(last)) }, edges };
}

const ROLLUP_COLUMNS = Prisma.sql`deployments, rework, failed, "leadMinutes" as lead, "codingMinutes" as coding,
  "reviewMinutes" as review, "deployMinutes" as deploy, undated`;

const daysCte = (s: ScopeMembers, w: Window, source: Prisma.Sql) => {
  const { days, edges } = splitWindow(w);
  const ids = [...new Set(s.serviceIds)];
  const edgeRows = edges.map(
    (e) => Prisma.sql`
    union all
    select scope.key, e.day, ${ROLLUP_COLUMNS}
    from shipshape_delivery_days(${ids}::uuid[], ${e.from}, ${e.to}) e join scope on scope.service_id = e."serviceId"`,
  );
  return Prisma.sql`
  days as (
    select scope.key, dd.day, ${ROLLUP_COLUMNS}
    from ${source} dd join scope on scope.service_id = dd."serviceId"
    where dd.day >= ${days.from}::date and dd.day < ${days.to}::date
    ${edgeRows.length > 0 ? Prisma.join(edgeRows, "") : Prisma.empty}
  )`;
};

/** Frequency, change failure and rework counts, and lead time: one pass over the window's days. */
export const deliverySql = (s: ScopeMembers, w: Window, source = ROLLUPS_CURRENT) => Prisma.sql`
  with ${scopeCte(s)},
  ${daysCte(s, w, source)},
  active as (select distinct key, day from days),
  ${deployDayMediansSql(w)}
  select keys.key, coalesce(t.deployments, 0) as deployments, coalesce(ad.deploy_days, 0) as deploy_days,
         pw.med as med_week, pm.med as med_month, coalesce(t.failed, 0) as failed, coalesce(t.rework, 0) as rework,
         ls.median, coalesce(ls.samples, 0) as samples, ls.coding, ls.review, ls.deploy,
         coalesce(t.prs, 0) as prs, coalesce(t.undated, 0) as undated
  from keys
  left join (
    select key, sum(deployments) as deployments, sum(failed) as failed, sum(rework) as rework,
           sum(cardinality(coding)) as prs, sum(undated) as undated
    from days group by key
  ) t using (key)
  left join (select key, count(*) as deploy_days from active group by key) ad using (key)
  left join (select key, percentile_disc(0.5) within group (order by n) as med from per_week group by key) pw using (key)
  left join (select key, percentile_disc(0.5) within group (order by n) as med from per_month group by key) pm using (key)
  -- every sample of the window in one pass (kind 0: lead time; 1, 2, 3: a PR's coding, review, deploy)
  left join (
    select key, percentile_disc(0.5) within group (order by v) filter (where kind = 0) as median,
           count(*) filter (where kind = 0) as samples,
           percentile_disc(0.5) within group (order by v) filter (where kind = 1) as coding,
           percentile_disc(0.5) within group (order by v) filter (where kind = 2) as review,
           percentile_disc(0.5) within group (order by v) filter (where kind = 3) as deploy
    from (
      select key, 0 as kind, v from days, unnest(lead) v where cardinality(lead) > 0
      union all
      select key, k.kind, k.v from days,
        lateral (select 1, unnest(coding) union all select 2, unnest(review) union all select 3, unnest(deploy)) k(kind, v)
      where cardinality(coding) > 0
    ) x group by key
  ) ls using (key)`;

/** Recovery, restore and the incidents that started in the window, over the window's incidents. */
export const windowIncidentsSql = (s: ScopeMembers, w: Window) => Prisma.sql`
  with ${scopeCte(s)},
  -- the stored link (Incident."linkedDeploymentId"): the named cause, or the latest counted deployment before the start
  links as (
    select i."startedAt", i."resolvedAt", i."linkedFinishedAt", i."linkedDeploymentId" as dep_id,
           i."causedByDeploymentId" is not null as explicit, scope.key
    from "Incident" i join scope on scope.service_id = i."serviceId"
    where (i."startedAt" >= ${w.from} and i."startedAt" < ${w.to}) or (i."resolvedAt" >= ${w.from} and i."resolvedAt" < ${w.to})
  ),
  inc as (select * from links),
  ${incidentSamplesSql(w, { stored: true })}
  select keys.key, rc.median as rec_median, coalesce(rc.n, 0) as rec_samples, rs.median as ttr_median, coalesce(rs.n, 0) as ttr_samples, coalesce(rs.unknown, 0) as ttr_unknown,
         coalesce(st.open, 0) as open, coalesce(st.explicit, 0) as explicit, coalesce(st.by_time, 0) as by_time, coalesce(st.n, 0) as started
  from keys
  ${incidentJoinsSql(w)}`;

/** The exact statements getDoraFiguresByKey runs (the benchmark times them through node-postgres as the floor). */
export const doraStatements = (s: ScopeMembers, w: Window, source = ROLLUPS_CURRENT) => [
  deliverySql(s, w, source),
  windowIncidentsSql(s, w),
];

/** DORA figures for every scope key at once. Keys without services are absent. */
export async function getDoraFiguresByKey(
  s: ScopeMembers,
  w: Window,
  db: PrismaClient = reader(),
): Promise<Map<string, DoraFigures>> {
  if (s.serviceIds.length === 0) return new Map();
  const source = await rollupSource(db, splitWindow(w).days, s.serviceIds);
  const [delivery, incidents] = await Promise.all(
    doraStatements(s, w, source).map((sql) => db.$queryRaw<SqlRow[]>(sql)),
  );
  const incBy = new Map(incidents.map((r) => [r.key, r]));
  return new Map(delivery.map((d) => [d.key, figuresOf({ ...incBy.get(d.key), ...d })]));
}

/** Every figure of the DORA object for one set of services (a service, or a team's). */
export async function getDoraFigures(
  serviceIds: string[],
  w: Window,
  db: PrismaClient = reader(),
): Promise<DoraFigures> {
  if (serviceIds.length === 0) return EMPTY_FIGURES;
  const byKey = await getDoraFiguresByKey({ serviceIds, keys: serviceIds.map(() => "scope") }, w, db);
  return byKey.get("scope") ?? EMPTY_FIGURES;
}
