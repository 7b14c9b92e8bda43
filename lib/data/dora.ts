import "server-only";
import { prisma } from "@/lib/db";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Benchmark, Window } from "@/lib/metrics/dora";
import { buildDoraReport, type DoraFigures, type DoraReport } from "@/lib/metrics/dora-report";

// DORA figures computed in Postgres over indexed columns, never by loading every row into Node.
// The semantics are lib/metrics/dora.ts's; tests/integration/dora-sql.test.ts holds the two together
// on random data. percentile_disc(0.5) is DevLake's lower median: the element at index ceil(n/2) − 1.

type Num = number | string | bigint | null;
const num = (v: Num): number | null => (v === null ? null : Number(v));

async function frequency(db: PrismaClient, ids: string[], w: Window): Promise<DoraFigures["frequency"]> {
  const [r] = await db.$queryRaw<Array<{ deployments: Num; deploy_days: Num; med_week: Num; med_month: Num }>>`
    with d as (
      select "finishedAt" from "Deployment"
      where "serviceId" = any(${ids}::uuid[]) and status = 'success' and environment = 'production'
        and "finishedAt" >= ${w.from} and "finishedAt" < ${w.to}
    ),
    days as (select distinct ("finishedAt" at time zone 'UTC')::date as day from d),
    weeks as (
      select generate_series(date_trunc('week', ${w.from}::timestamptz at time zone 'UTC'),
                             (${w.to}::timestamptz at time zone 'UTC') - interval '1 microsecond', interval '1 week') as p
    ),
    months as (
      select generate_series(date_trunc('month', ${w.from}::timestamptz at time zone 'UTC'),
                             (${w.to}::timestamptz at time zone 'UTC') - interval '1 microsecond', interval '1 month') as p
    ),
    per_week as (select count(days.day) as n from weeks left join days on date_trunc('week', days.day) = weeks.p group by weeks.p),
    per_month as (select count(days.day) as n from months left join days on date_trunc('month', days.day) = months.p group by months.p)
    select (select count(*) from d) as deployments,
           (select count(*) from days) as deploy_days,
           (select percentile_disc(0.5) within group (order by n) from per_week) as med_week,
           (select percentile_disc(0.5) within group (order by n) from per_month) as med_month`;
  const deployments = Number(r.deployments);
  return {
    deployments,
    deployDays: Number(r.deploy_days),
    medianDeployDaysPerWeek: deployments === 0 ? null : num(r.med_week),
    medianDeployDaysPerMonth: deployments === 0 ? null : num(r.med_month),
  };
}

async function leadTime(db: PrismaClient, ids: string[], w: Window): Promise<DoraFigures["leadTime"]> {
  const [r] = await db.$queryRaw<Array<{ median: Num; samples: Num; coding: Num; review: Num; deploy: Num; prs: Num; undated: Num }>>`
    with win as (
      select id, "serviceId", "finishedAt" from "Deployment"
      where "serviceId" = any(${ids}::uuid[]) and status = 'success' and environment = 'production'
        and "finishedAt" >= ${w.from} and "finishedAt" < ${w.to}
    ),
    pr as (
      select greatest(0, coalesce(ceil(extract(epoch from (p."openedAt" - p."firstCommitAt")) / 60), 0)) as coding,
             greatest(0, coalesce(ceil(extract(epoch from (p."mergedAt" - p."openedAt")) / 60), 0)) as review,
             greatest(0, coalesce(ceil(extract(epoch from (win."finishedAt" - p."mergedAt")) / 60), 0)) as deploy
      from win join "DeploymentPullRequest" p on p."deploymentId" = win.id
    ),
    fresh_commits as (
      select c."authoredAt", ceil(extract(epoch from (win."finishedAt" - c."authoredAt")) / 60) as minutes
      from win join "DeploymentCommit" c on c."deploymentId" = win.id
      where not exists (select 1 from "DeploymentPullRequest" p where p."deploymentId" = win.id)
        and not exists (
          select 1 from "DeploymentCommit" c2 join "Deployment" d2 on d2.id = c2."deploymentId"
          where c2."serviceId" = win."serviceId" and c2.sha = c.sha
            and d2.status = 'success' and d2.environment = 'production' and d2."finishedAt" < win."finishedAt")
    ),
    samples as (
      select coding + review + deploy as v from pr
      union all
      select minutes from fresh_commits where "authoredAt" is not null and minutes > 0
    )
    select (select percentile_disc(0.5) within group (order by v) from samples) as median,
           (select count(*) from samples) as samples,
           (select percentile_disc(0.5) within group (order by coding) from pr) as coding,
           (select percentile_disc(0.5) within group (order by review) from pr) as review,
           (select percentile_disc(0.5) within group (order by deploy) from pr) as deploy,
           (select count(*) from pr) as prs,
           (select count(*) from fresh_commits where "authoredAt" is null) as undated`;
  const out: DoraFigures["leadTime"] = { medianMinutes: num(r.median), samples: Number(r.samples), undatedCommits: Number(r.undated) };
  if (Number(r.prs) > 0) {
    out.codingMinutes = num(r.coding);
    out.reviewMinutes = num(r.review);
    out.deployMinutes = num(r.deploy);
  }
  return out;
}

async function incidents(db: PrismaClient, ids: string[], w: Window) {
  const [r] = await db.$queryRaw<
    Array<{ deployments: Num; failed: Num; rework: Num; rec_median: Num; rec_samples: Num; ttr_median: Num; ttr_samples: Num; open: Num; explicit: Num; by_time: Num; started: Num }>
  >`
    with win as (
      select id, rework from "Deployment"
      where "serviceId" = any(${ids}::uuid[]) and status = 'success' and environment = 'production'
        and "finishedAt" >= ${w.from} and "finishedAt" < ${w.to}
    ),
    inc as (
      select i.id, i."serviceId", i."startedAt", i."resolvedAt", i."causedByDeploymentId"
      from "Incident" i
      where i."serviceId" = any(${ids}::uuid[])
        and (i."startedAt" >= ${w.from}
             or (i."resolvedAt" >= ${w.from} and i."resolvedAt" < ${w.to})
             or i."causedByDeploymentId" in (select id from win))
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
    recovered as (
      select trunc(extract(epoch from (l."resolvedAt" - d."finishedAt")) / 60) as minutes
      from links l join "Deployment" d on d.id = l.dep_id
      where l."resolvedAt" >= ${w.from} and l."resolvedAt" < ${w.to}
    ),
    restored as (
      select trunc(extract(epoch from ("resolvedAt" - "startedAt")) / 60) as minutes
      from inc where "resolvedAt" >= ${w.from} and "resolvedAt" < ${w.to}
    ),
    started as (select * from links where "startedAt" >= ${w.from} and "startedAt" < ${w.to})
    select (select count(*) from win) as deployments,
           (select count(*) from win where id in (select dep_id from links where dep_id is not null)) as failed,
           (select count(*) from win where rework) as rework,
           (select percentile_disc(0.5) within group (order by minutes) from recovered) as rec_median,
           (select count(*) from recovered) as rec_samples,
           (select percentile_disc(0.5) within group (order by minutes) from restored) as ttr_median,
           (select count(*) from restored) as ttr_samples,
           (select count(*) from started where "resolvedAt" is null or "resolvedAt" >= ${w.to}) as open,
           (select count(*) from started where dep_id is not null and explicit) as explicit,
           (select count(*) from started where dep_id is not null and not explicit) as by_time,
           (select count(*) from started) as started`;
  const deployments = Number(r.deployments);
  const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    cfr: { failedDeployments: Number(r.failed), deployments, ratio: deployments === 0 ? null : round4(Number(r.failed) / deployments) },
    rework: { ratio: deployments === 0 ? null : round4(Number(r.rework) / deployments) },
    recovery: { medianMinutes: num(r.rec_median), samples: Number(r.rec_samples), openIncidents: Number(r.open) },
    restore: { medianMinutes: num(r.ttr_median), samples: Number(r.ttr_samples) },
    linkedBy: { explicit: Number(r.explicit), time: Number(r.by_time) },
    incidentsInWindow: Number(r.started),
  };
}

/** Every figure of the DORA object for a set of services (one service, or a team's). */
export async function getDoraFigures(serviceIds: string[], w: Window, db: PrismaClient = prisma): Promise<DoraFigures> {
  const [f, lt, inc] = await Promise.all([frequency(db, serviceIds, w), leadTime(db, serviceIds, w), incidents(db, serviceIds, w)]);
  return { frequency: f, leadTime: lt, ...inc };
}

/** The contract's DORA object for one service or a whole team. Null when the scope does not exist. */
export async function getDoraReport(scope: { service: string } | { team: string }, w: Window, benchmark: Benchmark): Promise<DoraReport | null> {
  const ids = await serviceIdsFor(scope);
  if (!ids) return null;
  return buildDoraReport(scope, w, benchmark, await getDoraFigures(ids, w));
}

/** The services a scope covers: the service, or every service the team owns (archived ones too: history stays). */
export async function serviceIdsFor(scope: { service: string } | { team: string }): Promise<string[] | null> {
  if ("service" in scope) {
    const s = await prisma.service.findUnique({ where: { slug: scope.service }, select: { id: true } });
    return s ? [s.id] : null;
  }
  const team = await prisma.team.findUnique({ where: { slug: scope.team }, select: { services: { select: { id: true } } } });
  return team ? team.services.map((s) => s.id) : null;
}
