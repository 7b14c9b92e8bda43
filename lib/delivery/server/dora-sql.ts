import "server-only";
import { reader } from "@/lib/core/db/replicas";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import type { Window } from "@/lib/delivery/domain/dora";
import type { DoraFigures } from "@/lib/delivery/domain/dora-report";

// DORA figures computed in Postgres over indexed columns, never by loading every row into Node.
// One pass computes any number of scopes: each service carries the key of the scope it counts for (a
// service's own id, its team, or one key for a whole set), and every aggregate groups by that key.
// The semantics are lib/delivery/domain/dora.ts's; tests/integration/dora-sql.test.ts holds the two together
// on random data. percentile_disc(0.5) is DevLake's lower median: the element at index ceil(n/2) − 1.

export type ScopeMembers = { serviceIds: string[]; keys: string[] };

type Num = number | string | bigint | null;
const num = (v: Num): number | null => (v === null ? null : Number(v));
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

const scopeCte = (s: ScopeMembers) => Prisma.sql`
  scope as (select * from unnest(${s.serviceIds}::uuid[], ${s.keys}::text[]) as s(service_id, key)),
  keys as (select distinct key from scope)`;

export const frequencySql = (s: ScopeMembers, w: Window) => Prisma.sql`
  with ${scopeCte(s)},
  d as (
    select scope.key, dep."finishedAt" from "Deployment" dep join scope on scope.service_id = dep."serviceId"
    where dep.status = 'success' and dep.environment = 'production' and dep."finishedAt" >= ${w.from} and dep."finishedAt" < ${w.to}
  ),
  days as (select distinct key, ("finishedAt" at time zone 'UTC')::date as day from d),
  weeks as (
    select generate_series(date_trunc('week', ${w.from}::timestamptz at time zone 'UTC'),
                           (${w.to}::timestamptz at time zone 'UTC') - interval '1 microsecond', interval '1 week') as p
  ),
  months as (
    select generate_series(date_trunc('month', ${w.from}::timestamptz at time zone 'UTC'),
                           (${w.to}::timestamptz at time zone 'UTC') - interval '1 microsecond', interval '1 month') as p
  ),
  per_week as (
    select keys.key, count(days.day) as n from keys cross join weeks
    left join days on days.key = keys.key and date_trunc('week', days.day) = weeks.p group by keys.key, weeks.p
  ),
  per_month as (
    select keys.key, count(days.day) as n from keys cross join months
    left join days on days.key = keys.key and date_trunc('month', days.day) = months.p group by keys.key, months.p
  )
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
  failed as (select distinct dep_id from links where dep_id is not null),
  recovered as (
    select l.key, trunc(extract(epoch from (l."resolvedAt" - d."finishedAt")) / 60) as minutes
    from links l join "Deployment" d on d.id = l.dep_id
    where l."resolvedAt" >= ${w.from} and l."resolvedAt" < ${w.to}
  ),
  restored as (
    select key, trunc(extract(epoch from ("resolvedAt" - "startedAt")) / 60) as minutes
    from inc where "resolvedAt" >= ${w.from} and "resolvedAt" < ${w.to}
  ),
  started as (select * from links where "startedAt" >= ${w.from} and "startedAt" < ${w.to})
  select keys.key,
         coalesce(wd.deployments, 0) as deployments, coalesce(wd.failed, 0) as failed, coalesce(wd.rework, 0) as rework,
         rc.median as rec_median, coalesce(rc.n, 0) as rec_samples, rs.median as ttr_median, coalesce(rs.n, 0) as ttr_samples,
         coalesce(st.open, 0) as open, coalesce(st.explicit, 0) as explicit, coalesce(st.by_time, 0) as by_time, coalesce(st.n, 0) as started
  from keys
  left join (
    select win.key, count(*) as deployments, count(*) filter (where failed.dep_id is not null) as failed, count(*) filter (where win.rework) as rework
    from win left join failed on failed.dep_id = win.id group by win.key
  ) wd using (key)
  left join (select key, percentile_disc(0.5) within group (order by minutes) as median, count(*) as n from recovered group by key) rc using (key)
  left join (select key, percentile_disc(0.5) within group (order by minutes) as median, count(*) as n from restored group by key) rs using (key)
  left join (
    select key, count(*) filter (where "resolvedAt" is null or "resolvedAt" >= ${w.to}) as open,
           count(*) filter (where dep_id is not null and explicit) as explicit,
           count(*) filter (where dep_id is not null and not explicit) as by_time,
           count(*) as n
    from started group by key
  ) st using (key)`;

/** The exact statements getDoraFiguresByKey runs (the benchmark times them through node-postgres as the floor). */
export const doraStatements = (s: ScopeMembers, w: Window) => [
  frequencySql(s, w),
  leadTimeSql(s, w),
  incidentsSql(s, w),
];

type Row = Record<string, Num> & { key: string };

/** DORA figures for every scope key at once. Keys without services are absent. */
export async function getDoraFiguresByKey(
  s: ScopeMembers,
  w: Window,
  db: PrismaClient = reader(),
): Promise<Map<string, DoraFigures>> {
  const [freq, lead, inc] = await Promise.all(doraStatements(s, w).map((sql) => db.$queryRaw<Row[]>(sql)));
  const leadBy = new Map(lead.map((r) => [r.key, r]));
  const incBy = new Map(inc.map((r) => [r.key, r]));
  const out = new Map<string, DoraFigures>();
  for (const f of freq) {
    const l = leadBy.get(f.key) as Row;
    const i = incBy.get(f.key) as Row;
    const deployments = Number(f.deployments);
    const leadTime: DoraFigures["leadTime"] = {
      medianMinutes: num(l.median),
      samples: Number(l.samples),
      undatedCommits: Number(l.undated),
    };
    if (Number(l.prs) > 0)
      Object.assign(leadTime, {
        codingMinutes: num(l.coding),
        reviewMinutes: num(l.review),
        deployMinutes: num(l.deploy),
      });
    out.set(f.key, {
      frequency: {
        deployments,
        deployDays: Number(f.deploy_days),
        medianDeployDaysPerWeek: deployments === 0 ? null : num(f.med_week),
        medianDeployDaysPerMonth: deployments === 0 ? null : num(f.med_month),
      },
      leadTime,
      cfr: {
        failedDeployments: Number(i.failed),
        deployments,
        ratio: deployments === 0 ? null : round4(Number(i.failed) / deployments),
      },
      rework: { ratio: deployments === 0 ? null : round4(Number(i.rework) / deployments) },
      recovery: { medianMinutes: num(i.rec_median), samples: Number(i.rec_samples), openIncidents: Number(i.open) },
      restore: { medianMinutes: num(i.ttr_median), samples: Number(i.ttr_samples) },
      linkedBy: { explicit: Number(i.explicit), time: Number(i.by_time) },
      incidentsInWindow: Number(i.started),
    });
  }
  return out;
}

export const EMPTY_FIGURES: DoraFigures = {
  frequency: { deployments: 0, deployDays: 0, medianDeployDaysPerWeek: null, medianDeployDaysPerMonth: null },
  leadTime: { medianMinutes: null, samples: 0, undatedCommits: 0 },
  cfr: { failedDeployments: 0, deployments: 0, ratio: null },
  rework: { ratio: null },
  recovery: { medianMinutes: null, samples: 0, openIncidents: 0 },
  restore: { medianMinutes: null, samples: 0 },
  linkedBy: { explicit: 0, time: 0 },
  incidentsInWindow: 0,
};

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
