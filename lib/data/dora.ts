import "server-only";
import { prisma } from "@/lib/db";
import type { PrismaClient } from "@/generated/prisma/client";
import { z } from "zod";
import { periodsOverlapping, type Benchmark, type Window } from "@/lib/metrics/dora";
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

export type WeeklyDora = {
  week: string;
  deployments: number;
  deployDays: number;
  leadTimeMinutes: number | null;
  codingMinutes: number | null;
  reviewMinutes: number | null;
  deployMinutes: number | null;
  changeFailureRate: number | null;
  recoveryMinutes: number | null;
  restoreMinutes: number | null;
};

/** Each full or partial UTC week of the window, computed with the same definitions. */
export async function getWeeklyDora(serviceIds: string[], w: Window): Promise<WeeklyDora[]> {
  const weeks = periodsOverlapping(w, "week");
  return Promise.all(
    weeks.map(async (start) => {
      const end = new Date(start.getTime() + 7 * 86_400_000);
      const win = { from: start < w.from ? w.from : start, to: end > w.to ? w.to : end };
      const f = await getDoraFigures(serviceIds, win);
      return {
        week: start.toISOString().slice(0, 10),
        deployments: f.frequency.deployments,
        deployDays: f.frequency.deployDays,
        leadTimeMinutes: f.leadTime.medianMinutes,
        codingMinutes: f.leadTime.codingMinutes ?? null,
        reviewMinutes: f.leadTime.reviewMinutes ?? null,
        deployMinutes: f.leadTime.deployMinutes ?? null,
        changeFailureRate: f.cfr.ratio,
        recoveryMinutes: f.recovery.medianMinutes,
        restoreMinutes: f.restore.medianMinutes,
      };
    }),
  );
}

export const ZDeliveryFilter = z.object({
  env: z.string().trim().max(64).optional(),
  status: z.string().trim().max(32).optional(),
  page: z.coerce.number().int().min(1).default(1),
});

const PAGE = 20;

/** Deployments of the scope in the window, newest first, with how many incidents each caused. */
export async function listDeploymentsIn(serviceIds: string[], w: Window, filter: { env?: string; status?: string; page: number }, take = PAGE) {
  const where = {
    serviceId: { in: serviceIds },
    finishedAt: { gte: w.from, lt: w.to },
    ...(filter.env ? { environment: filter.env.toLowerCase() } : {}),
    ...(filter.status ? { status: filter.status.toLowerCase() } : {}),
  };
  const [total, rows] = await prisma.$transaction([
    prisma.deployment.count({ where }),
    prisma.deployment.findMany({
      where,
      orderBy: { finishedAt: "desc" },
      skip: (filter.page - 1) * take,
      take,
      select: {
        id: true,
        externalId: true,
        environment: true,
        status: true,
        startedAt: true,
        finishedAt: true,
        rework: true,
        source: true,
        service: { select: { slug: true, name: true } },
        _count: { select: { commits: true, pullRequests: true, incidents: true } },
      },
    }),
  ]);
  return { total, page: filter.page, pageSize: take, rows };
}

/** Incidents of the scope that started in the window, with the deployment each is linked to and by which rule. */
export async function listIncidentsIn(serviceIds: string[], w: Window, page: number, take = PAGE) {
  const [{ total }] = await prisma.$queryRaw<Array<{ total: bigint }>>`
    select count(*) as total from "Incident"
    where "serviceId" = any(${serviceIds}::uuid[]) and "startedAt" >= ${w.from} and "startedAt" < ${w.to}`;
  const rows = await prisma.$queryRaw<
    Array<{ id: string; externalId: string; title: string; severity: string | null; startedAt: Date; resolvedAt: Date | null; source: string; slug: string; name: string; explicit: string | null; byTime: string | null }>
  >`
    select i.id, i."externalId", i.title, i.severity, i."startedAt", i."resolvedAt", i.source, s.slug, s.name,
           e."externalId" as explicit, t."externalId" as "byTime"
    from "Incident" i
    join "Service" s on s.id = i."serviceId"
    left join "Deployment" e on e.id = i."causedByDeploymentId"
    left join lateral (
      select d."externalId" from "Deployment" d
      where d."serviceId" = i."serviceId" and d.status = 'success' and d.environment = 'production' and d."finishedAt" < i."startedAt"
      order by d."finishedAt" desc, d.id desc limit 1
    ) t on i."causedByDeploymentId" is null
    where i."serviceId" = any(${serviceIds}::uuid[]) and i."startedAt" >= ${w.from} and i."startedAt" < ${w.to}
    order by i."startedAt" desc
    offset ${(page - 1) * take} limit ${take}`;
  return {
    total: Number(total),
    page,
    pageSize: take,
    rows: rows.map((r) => ({
      id: r.id,
      externalId: r.externalId,
      title: r.title,
      severity: r.severity,
      startedAt: r.startedAt,
      resolvedAt: r.resolvedAt,
      source: r.source,
      service: { slug: r.slug, name: r.name },
      linkedTo: r.explicit ?? r.byTime,
      linkedBy: r.explicit ? ("explicit" as const) : r.byTime ? ("time" as const) : null,
    })),
  };
}

/** Every team's DORA report for the window (the organisation overview). */
export async function listTeamDora(w: Window, benchmark: Benchmark) {
  const teams = await prisma.team.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true, services: { select: { id: true } } } });
  return Promise.all(
    teams.map(async (t) => ({
      slug: t.slug,
      name: t.name,
      services: t.services.length,
      report: buildDoraReport({ team: t.slug }, w, benchmark, await getDoraFigures(t.services.map((s) => s.id), w)),
    })),
  );
}
