import "server-only";
import { authorize, type Actor } from "@/lib/core/auth/permissions";
import { prisma } from "@/lib/core/db/client";
import { onReplica, reader } from "@/lib/core/db/replicas";
import { cachedView } from "@/lib/core/db/view-cache";
import { EMPTY_FIGURES, getDoraFigures } from "./dora-sql";
import { getDoraFiguresOfKeys } from "./dora-days";
import { z } from "zod";
import { periodsOverlapping, type Benchmark, type Window } from "@/lib/delivery/domain/dora";
import { buildDoraReport, type DoraReport } from "@/lib/delivery/domain/dora-report";
import { isoDate, DAY_MS } from "@/lib/core/calendar";

// DORA reports, trends and the deployment and incident lists behind them. The figures come from
// lib/delivery/server/dora-sql.ts.

export { doraStatements, getDoraFigures, getDoraFiguresByKey } from "./dora-sql";

/** The contract's DORA object for one service or a whole team. Null when the scope does not exist. */
export async function getDoraReport(
  actor: Actor | null,
  scope: { service: string } | { team: string },
  w: Window,
  benchmark: Benchmark,
): Promise<DoraReport | null> {
  authorize(actor, "read");
  const ids = await serviceIdsFor(actor, scope);
  if (!ids) return null;
  const [figures, incomplete] = await Promise.all([getDoraFigures(ids, w), incompleteDeployments(ids, w)]);
  const report = buildDoraReport(scope, w, benchmark, figures);
  if (incomplete > 0)
    report.warnings.push(
      `${incomplete} deployment(s) in this period shipped commits from a push that was never delivered: their lead time counts only the commits seen.`,
    );
  return report;
}

/** Successful production deployments in the window whose GitHub push history has a gap. */
async function incompleteDeployments(serviceIds: string[], w: Window): Promise<number> {
  if (serviceIds.length === 0) return 0;
  return prisma.deployment.count({
    where: {
      serviceId: { in: serviceIds },
      commitsIncomplete: true,
      status: "success",
      environment: "production",
      finishedAt: { gte: w.from, lt: w.to },
    },
  });
}

/** The services a scope covers: the service, or every service the team owns (archived ones too: history stays). */
export async function serviceIdsFor(
  actor: Actor | null,
  scope: { service: string } | { team: string },
): Promise<string[] | null> {
  authorize(actor, "read");
  if ("service" in scope) {
    const s = await prisma.service.findUnique({ where: { slug: scope.service }, select: { id: true } });
    return s ? [s.id] : null;
  }
  const team = await prisma.team.findUnique({
    where: { slug: scope.team },
    select: { services: { select: { id: true } } },
  });
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
      const end = new Date(start.getTime() + 7 * DAY_MS);
      const win = { from: start < w.from ? w.from : start, to: end > w.to ? w.to : end };
      const f = await getDoraFigures(serviceIds, win);
      return {
        week: isoDate(start),
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
export async function listDeploymentsIn(
  actor: Actor | null,
  serviceIds: string[],
  w: Window,
  filter: { env?: string; status?: string; page: number },
  take = PAGE,
) {
  authorize(actor, "read");
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
        fixes: true,
        fixRule: true,
        fixesDeploymentId: true,
        fixedBy: {
          where: { status: "success", environment: "production" },
          orderBy: { finishedAt: "asc" },
          take: 1,
          select: { externalId: true, fixRule: true },
        },
        service: { select: { slug: true, name: true } },
        _count: { select: { commits: true, pullRequests: true, incidents: true } },
      },
    }),
  ]);
  return { total, page: filter.page, pageSize: take, rows };
}

/** Incidents of the scope that started in the window, with the deployment each is linked to and by which rule. */
export async function listIncidentsIn(actor: Actor | null, serviceIds: string[], w: Window, page: number, take = PAGE) {
  authorize(actor, "read");
  const [{ total }] = await prisma.$queryRaw<Array<{ total: bigint }>>`
    select count(*) as total from "Incident"
    where "serviceId" = any(${serviceIds}::uuid[])
      and coalesce("startedAt", "resolvedAt") >= ${w.from} and coalesce("startedAt", "resolvedAt") < ${w.to}`;
  const rows = await prisma.$queryRaw<
    Array<{
      id: string;
      externalId: string;
      title: string;
      severity: string | null;
      startedAt: Date | null;
      resolvedAt: Date | null;
      source: string;
      slug: string;
      name: string;
      explicit: string | null;
      byTime: string | null;
    }>
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
    -- an incident with an unknown start is listed by its resolution
    where i."serviceId" = any(${serviceIds}::uuid[])
      and coalesce(i."startedAt", i."resolvedAt") >= ${w.from} and coalesce(i."startedAt", i."resolvedAt") < ${w.to}
    order by coalesce(i."startedAt", i."resolvedAt") desc, i.id
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

export type TeamDoraRow = { slug: string; name: string; services: number; report: DoraReport };

// The organisation overview aggregates the daily rollups of every team's services in the window
// (145k rows and 700k lead-time samples at 2,000 services over 90 days): about 0.4 s. Its result
// is kept ten minutes per window and benchmark in the shared view cache (every replica serves it);
// any ingest that changes a rollup drops it (lib/core/db/view-cache.ts), and `fresh` recomputes it.
const ORG_DORA_TTL_MS = 10 * 60_000;

export async function listTeamDora(
  actor: Actor | null,
  w: Window,
  benchmark: Benchmark,
  opts: { fresh?: boolean } = {},
): Promise<{ rows: TeamDoraRow[]; computedAt: Date }> {
  authorize(actor, "read");
  const key = `org-dora|${w.from.toISOString()}|${w.to.toISOString()}|${benchmark}`;
  const { value, computedAt } = await cachedView(
    key,
    ORG_DORA_TTL_MS,
    () => onReplica("org-dora", () => computeTeamDora(w, benchmark)),
    { ...opts, rollups: true },
  );
  return { rows: value, computedAt };
}

/** Every team's DORA report for the window, in one grouped pass. */
async function computeTeamDora(w: Window, benchmark: Benchmark): Promise<TeamDoraRow[]> {
  const teams = await reader().team.findMany({
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true, services: { select: { id: true } } },
  });
  const members = teams.flatMap((t) => t.services.map((s) => ({ serviceId: s.id, key: t.id })));
  // The rollups read once per team and aggregated here (./dora-days.ts): faster than the medians in SQL at this size.
  const figures = await getDoraFiguresOfKeys(
    { serviceIds: members.map((m) => m.serviceId), keys: members.map((m) => m.key) },
    w,
  );
  return teams.map((t) => ({
    slug: t.slug,
    name: t.name,
    services: t.services.length,
    report: buildDoraReport({ team: t.slug }, w, benchmark, figures.get(t.id) ?? EMPTY_FIGURES),
  }));
}
