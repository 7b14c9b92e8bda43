import "server-only";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import type { Window } from "@/lib/delivery/domain/dora";
import type { DoraFigures } from "@/lib/delivery/domain/dora-report";
import { figuresOf, type ScopeMembers, type SqlRow } from "./dora-figures";

// DORA figures straight from the event tables: every counted deployment of the window joined with
// its commits, pull requests and incidents. The pages read the daily rollups instead
// (./dora-sql.ts); this path is the reference they are tested against on random data
// (tests/integration/dora-precomputed.test.ts), and the base of the benchmark's comparison.
// percentile_disc(0.5) is DevLake's lower median: the element at index ceil(n/2) − 1.

// Distinct pairs: besides dropping a repeated member, it tells the planner that a service id
// appears about once, so a join of a window's rollups with the scope is hashed rather than sorted
// (at 2,000 services and 180 days, 600 → 440 ms).
export const scopeCte = (s: ScopeMembers) => Prisma.sql`
  scope as (select distinct service_id, key collate "C" as key from unnest(${s.serviceIds}::uuid[], ${s.keys}::text[]) as s(service_id, key)),
  keys as (select distinct key from scope)`;

/**
 * Per scope key, the deploy days of each calendar week and month of the window (zero where none),
 * from a relation `active(key, day)` of distinct deploy days; ends with `per_week` and `per_month`.
 */
export const deployDayMediansSql = (w: Window) => Prisma.sql`
  weeks as (
    select generate_series(date_trunc('week', ${w.from}::timestamptz at time zone 'UTC'),
                           (${w.to}::timestamptz at time zone 'UTC') - interval '1 microsecond', interval '1 week') as p
  ),
  months as (
    select generate_series(date_trunc('month', ${w.from}::timestamptz at time zone 'UTC'),
                           (${w.to}::timestamptz at time zone 'UTC') - interval '1 microsecond', interval '1 month') as p
  ),
  week_counts as (select key, date_trunc('week', day) as p, count(*) as n from active group by 1, 2),
  month_counts as (select key, date_trunc('month', day) as p, count(*) as n from active group by 1, 2),
  per_week as (
    select keys.key, coalesce(c.n, 0) as n from keys cross join weeks left join week_counts c on c.key = keys.key and c.p = weeks.p
  ),
  per_month as (
    select keys.key, coalesce(c.n, 0) as n from keys cross join months left join month_counts c on c.key = keys.key and c.p = months.p
  )`;

/**
 * From `inc` (the window's incidents with their scope key) and `links` (each with `dep_id`, the
 * deployment it counts against, and `explicit`): the recovery and restore samples and the incidents
 * that started in the window. Ends with `started`. With `stored`, the linked deployment's finish time
 * is the incident's own `linkedFinishedAt` (kept by triggers) instead of a lookup per incident.
 */
export const incidentSamplesSql = (w: Window, opts: { stored?: boolean } = {}) => Prisma.sql`
  recovered as (
    ${
      opts.stored
        ? Prisma.sql`select l.key, trunc(extract(epoch from (l."resolvedAt" - l."linkedFinishedAt")) / 60) as minutes
    from links l where l."linkedFinishedAt" is not null`
        : Prisma.sql`select l.key, trunc(extract(epoch from (l."resolvedAt" - d."finishedAt")) / 60) as minutes
    from links l join "Deployment" d on d.id = l.dep_id
    where true`
    }
      and l."resolvedAt" >= ${w.from} and l."resolvedAt" < ${w.to}
  ),
  -- an unknown start (null) gives a null sample: counted apart, never as 0 minutes
  restored as (
    select key, trunc(extract(epoch from ("resolvedAt" - "startedAt")) / 60) as minutes
    from inc where "resolvedAt" >= ${w.from} and "resolvedAt" < ${w.to}
  ),
  started as (select * from links where "startedAt" >= ${w.from} and "startedAt" < ${w.to})`;

/** The joins that turn incidentSamplesSql's relations into each key's medians and counts. */
export const incidentJoinsSql = (w: Window) => Prisma.sql`
  left join (select key, percentile_disc(0.5) within group (order by minutes) as median, count(*) as n from recovered group by key) rc using (key)
  left join (
    select key, percentile_disc(0.5) within group (order by minutes) as median, count(minutes) as n,
           count(*) filter (where minutes is null) as unknown
    from restored group by key
  ) rs using (key)
  left join (
    select key, count(*) filter (where "resolvedAt" is null or "resolvedAt" >= ${w.to}) as open,
           count(*) filter (where dep_id is not null and explicit) as explicit,
           count(*) filter (where dep_id is not null and not explicit) as by_time,
           count(*) as n
    from started group by key
  ) st using (key)`;

export const frequencySql = (s: ScopeMembers, w: Window) => Prisma.sql`
  with ${scopeCte(s)},
  d as (
    select scope.key, dep."finishedAt" from "Deployment" dep join scope on scope.service_id = dep."serviceId"
    where dep.status = 'success' and dep.environment = 'production' and dep."finishedAt" >= ${w.from} and dep."finishedAt" < ${w.to}
  ),
  days as (select distinct key, ("finishedAt" at time zone 'UTC')::date as day from d),
  active as (select key, day from days),
  ${deployDayMediansSql(w)}
  select keys.key, coalesce(dc.n, 0) as deployments, coalesce(dd.n, 0) as deploy_days, pw.med as med_week, pm.med as med_month
  from keys
  left join (select key, count(*) as n from d group by key) dc using (key)
  left join (select key, count(*) as n from days group by key) dd using (key)
  left join (select key, percentile_disc(0.5) within group (order by n) as med from per_week group by key) pw using (key)
  left join (select key, percentile_disc(0.5) within group (order by n) as med from per_month group by key) pm using (key)`;

export const leadTimeSql = (s: ScopeMembers, w: Window) => Prisma.sql`
  with ${scopeCte(s)},
  win as (
    select dep.id, dep."serviceId", dep."finishedAt", scope.key from "Deployment" dep join scope on scope.service_id = dep."serviceId"
    where dep.status = 'success' and dep.environment = 'production' and dep."finishedAt" >= ${w.from} and dep."finishedAt" < ${w.to}
  ),
  pr as (
    select win.key,
           greatest(0, coalesce(ceil(extract(epoch from (p."openedAt" - p."firstCommitAt")) / 60), 0)) as coding,
           greatest(0, coalesce(ceil(extract(epoch from (p."mergedAt" - p."openedAt")) / 60), 0)) as review,
           greatest(0, coalesce(ceil(extract(epoch from (win."finishedAt" - p."mergedAt")) / 60), 0)) as deploy
    from win join "DeploymentPullRequest" p on p."deploymentId" = win.id
  ),
  fresh_commits as (
    select win.key, c."authoredAt", ceil(extract(epoch from (win."finishedAt" - c."authoredAt")) / 60) as minutes
    from win join "DeploymentCommit" c on c."deploymentId" = win.id
    -- shippedBefore: an earlier counted deployment of the service shipped this sha (kept by triggers)
    where not c."shippedBefore"
      and not exists (select 1 from "DeploymentPullRequest" p where p."deploymentId" = win.id)
  ),
  samples as (
    select key, coding + review + deploy as v from pr
    union all
    select key, minutes from fresh_commits where "authoredAt" is not null and minutes > 0
  )
  select keys.key, sm.median, coalesce(sm.samples, 0) as samples, pp.coding, pp.review, pp.deploy, coalesce(pp.prs, 0) as prs, coalesce(un.undated, 0) as undated
  from keys
  left join (select key, percentile_disc(0.5) within group (order by v) as median, count(*) as samples from samples group by key) sm using (key)
  left join (
    select key, percentile_disc(0.5) within group (order by coding) as coding, percentile_disc(0.5) within group (order by review) as review,
           percentile_disc(0.5) within group (order by deploy) as deploy, count(*) as prs
    from pr group by key
  ) pp using (key)
  left join (select key, count(*) as undated from fresh_commits where "authoredAt" is null group by key) un using (key)`;

export const incidentsSql = (s: ScopeMembers, w: Window) => Prisma.sql`
  with ${scopeCte(s)},
  win as (
    select dep.id, dep.rework, scope.key from "Deployment" dep join scope on scope.service_id = dep."serviceId"
    where dep.status = 'success' and dep.environment = 'production' and dep."finishedAt" >= ${w.from} and dep."finishedAt" < ${w.to}
  ),
  -- Incidents that can matter: started or resolved in the window, or explicitly blamed on one of its
  -- deployments. Two join-friendly halves: an OR with IN (subquery) defeats the planner at scale.
  inc as (
    select i.id, i."serviceId", i."startedAt", i."resolvedAt", i."causedByDeploymentId", scope.key
    from "Incident" i join scope on scope.service_id = i."serviceId"
    where i."startedAt" >= ${w.from} or (i."resolvedAt" >= ${w.from} and i."resolvedAt" < ${w.to})
    union
    select i.id, i."serviceId", i."startedAt", i."resolvedAt", i."causedByDeploymentId", scope.key
    from "Incident" i
    join scope on scope.service_id = i."serviceId"
    join "Deployment" d on d.id = i."causedByDeploymentId"
    where d.status = 'success' and d.environment = 'production' and d."finishedAt" >= ${w.from} and d."finishedAt" < ${w.to}
  ),
  links as (
    select inc.*, coalesce(inc."causedByDeploymentId", t.id) as dep_id, inc."causedByDeploymentId" is not null as explicit
    from inc
    left join lateral (
      select d.id from "Deployment" d
      where d."serviceId" = inc."serviceId" and d.status = 'success' and d.environment = 'production' and d."finishedAt" < inc."startedAt"
      order by d."finishedAt" desc, d.id desc
      limit 1
    ) t on inc."causedByDeploymentId" is null
  ),
  -- failed: an incident is linked to it, or a counted deployment fixes, reverts or rolls it back
  failed as (
    select dep_id from links where dep_id is not null
    union
    select f."fixesDeploymentId" from "Deployment" f join win on win.id = f."fixesDeploymentId"
    where f.status = 'success' and f.environment = 'production'
  ),
  ${incidentSamplesSql(w)}
  select keys.key,
         coalesce(wd.deployments, 0) as deployments, coalesce(wd.failed, 0) as failed, coalesce(wd.rework, 0) as rework,
         rc.median as rec_median, coalesce(rc.n, 0) as rec_samples, rs.median as ttr_median, coalesce(rs.n, 0) as ttr_samples, coalesce(rs.unknown, 0) as ttr_unknown,
         coalesce(st.open, 0) as open, coalesce(st.explicit, 0) as explicit, coalesce(st.by_time, 0) as by_time, coalesce(st.n, 0) as started
  from keys
  left join (
    select win.key, count(*) as deployments, count(*) filter (where failed.dep_id is not null) as failed, count(*) filter (where win.rework) as rework
    from win left join failed on failed.dep_id = win.id group by win.key
  ) wd using (key)
  ${incidentJoinsSql(w)}`;

/** The three statements of the base-table path. */
export const baseDoraStatements = (s: ScopeMembers, w: Window) => [
  frequencySql(s, w),
  leadTimeSql(s, w),
  incidentsSql(s, w),
];

/** DORA figures for every scope key, computed from the event tables. */
export async function getDoraFiguresFromEvents(
  s: ScopeMembers,
  w: Window,
  db: PrismaClient,
): Promise<Map<string, DoraFigures>> {
  const [freq, lead, inc] = await Promise.all(baseDoraStatements(s, w).map((sql) => db.$queryRaw<SqlRow[]>(sql)));
  const leadBy = new Map(lead.map((r) => [r.key, r]));
  const incBy = new Map(inc.map((r) => [r.key, r]));
  return new Map(freq.map((f) => [f.key, figuresOf({ ...incBy.get(f.key), ...leadBy.get(f.key), ...f })]));
}
