import { prisma } from "@/lib/core/db/client";
import { Prisma } from "@/generated/prisma/client";
import type { DeploymentFact, IncidentFact } from "@/lib/delivery/domain/dora";

// What the precomputation tests compare: the events as the TypeScript definitions take them, and
// each stored fact (shippedBefore, incident links, daily rollups) against what it stands for.

export async function factsOf(
  serviceIds: string[],
): Promise<{ deployments: DeploymentFact[]; incidents: IncidentFact[] }> {
  const rows = await prisma.deployment.findMany({
    where: { serviceId: { in: serviceIds } },
    include: { commits: true, pullRequests: true },
  });
  const incidents = await prisma.incident.findMany({ where: { serviceId: { in: serviceIds } } });
  return {
    deployments: rows.map((d) => ({
      id: d.id,
      serviceId: d.serviceId,
      environment: d.environment,
      status: d.status,
      finishedAt: d.finishedAt,
      rework: d.rework,
      fixesId: d.fixesDeploymentId,
      commits: d.commits.map((c) => ({ sha: c.sha, authoredAt: c.authoredAt })),
      pullRequests: d.pullRequests.map((p) => ({
        number: p.number,
        firstCommitAt: p.firstCommitAt,
        openedAt: p.openedAt,
        mergedAt: p.mergedAt,
      })),
    })),
    incidents: incidents.map((i) => ({
      id: i.id,
      serviceId: i.serviceId,
      startedAt: i.startedAt,
      resolvedAt: i.resolvedAt,
      causedByDeploymentId: i.causedByDeploymentId,
    })),
  };
}

/** Stored flags that disagree with the anti-join over the base tables. */
export async function staleFlags(serviceIds: string[]): Promise<number> {
  const [{ n }] = await prisma.$queryRaw<Array<{ n: number }>>`
    select count(*)::int as n
    from "DeploymentCommit" c join "Deployment" d on d.id = c."deploymentId"
    where c."serviceId" = any(${serviceIds}::uuid[])
      and c."shippedBefore" is distinct from exists (
        select 1 from "DeploymentCommit" c2 join "Deployment" d2 on d2.id = c2."deploymentId"
        where c2."serviceId" = c."serviceId" and c2.sha = c.sha
          and d2.status = 'success' and d2.environment = 'production' and d2."finishedAt" < d."finishedAt")`;
  return n;
}

/** Stored incident links (and their finish times) that disagree with the latest-deployment-before-the-start lookup. */
export async function staleLinks(serviceIds: string[]): Promise<number> {
  const [{ n }] = await prisma.$queryRaw<Array<{ n: number }>>`
    select count(*)::int as n from "Incident" i
    where i."serviceId" = any(${serviceIds}::uuid[])
      and i."linkedDeploymentId" is distinct from coalesce(i."causedByDeploymentId", (
        select d.id from "Deployment" d
        where d."serviceId" = i."serviceId" and d.status = 'success' and d.environment = 'production' and d."finishedAt" < i."startedAt"
        order by d."finishedAt" desc, d.id desc limit 1))
        or i."linkedFinishedAt" is distinct from (select d."finishedAt" from "Deployment" d where d.id = i."linkedDeploymentId")`;
  return n;
}

/**
 * Rollup rows that differ from the same rows computed afresh from the events, either way: as readers
 * read them ("DeliveryDayCurrent", whatever the refresher has still to do), or as stored
 * ("DeliveryDay": right only once the refresher has caught up).
 */
export async function staleRollups(serviceIds: string[], read: "current" | "stored" = "current"): Promise<unknown[]> {
  const source = read === "current" ? Prisma.sql`"DeliveryDayCurrent"` : Prisma.sql`"DeliveryDay"`;
  return prisma.$queryRaw<unknown[]>`
    with stored as (
      select "serviceId", day, deployments, rework, failed, "leadMinutes", "codingMinutes", "reviewMinutes", "deployMinutes", undated
      from ${source} where "serviceId" = any(${serviceIds}::uuid[])
    ),
    fresh as (select * from shipshape_delivery_days(${serviceIds}::uuid[], '-infinity', 'infinity'))
    (select 'stored' as side, * from stored except select 'stored', * from fresh)
    union all
    (select 'fresh', * from fresh except select 'fresh', * from stored)`;
}
