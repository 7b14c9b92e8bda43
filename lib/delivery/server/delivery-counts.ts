import "server-only";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { reader } from "@/lib/core/db/replicas";
import type { Window } from "@/lib/delivery/domain/dora";
import { splitWindow } from "./dora-sql";
import { rollupSource } from "./rollup-source";

// Organisation-wide counts of counted deployments (success, production) from the daily rollups:
// whole days from the rollups (./rollup-source.ts), the partial days at the window's edges from the deployments.

export type CountUnit = "week" | "month";

/** Counted deployments of every service per UTC week (from Monday) or month starting in the window. */
export async function countedDeploymentsBy(
  unit: CountUnit,
  w: Window,
  db: PrismaClient = reader(),
): Promise<Map<number, number>> {
  const { days, edges } = splitWindow(w);
  const source = await rollupSource(db, days);
  const edgeRows = edges.map(
    (e) => Prisma.sql`
    union all
    select ("finishedAt" at time zone 'UTC'), 1 from "Deployment"
    where status = 'success' and environment = 'production' and "finishedAt" >= ${e.from} and "finishedAt" < ${e.to}`,
  );
  const rows = await db.$queryRaw<Array<{ start: Date; n: bigint }>>`
    select date_trunc(${unit}, b.t) at time zone 'UTC' as start, sum(b.n)::bigint as n
    from (
      select dd.day::timestamp as t, dd.deployments as n from ${source} dd
      where dd.day >= ${days.from}::date and dd.day < ${days.to}::date
      ${edgeRows.length > 0 ? Prisma.join(edgeRows, "") : Prisma.empty}
    ) b
    group by 1`;
  return new Map(rows.map((r) => [r.start.getTime(), Number(r.n)]));
}

/** Counted deployments of every service in a window. */
export async function countedDeployments(w: Window, db: PrismaClient = reader()): Promise<number> {
  const { days, edges } = splitWindow(w);
  const source = await rollupSource(db, days);
  const [full, ...partial] = await Promise.all([
    db.$queryRaw<Array<{ n: bigint | null }>>`
      select sum(deployments)::bigint as n from ${source} where day >= ${days.from}::date and day < ${days.to}::date`,
    ...edges.map((e) =>
      db.deployment.count({
        where: { status: "success", environment: "production", finishedAt: { gte: e.from, lt: e.to } },
      }),
    ),
  ]);
  return Number(full[0].n ?? 0) + partial.reduce((a, b) => a + b, 0);
}

/** Counted deployments of every service in a window, per service tier. */
export async function countedDeploymentsByTier(w: Window, db: PrismaClient = reader()): Promise<Map<number, number>> {
  const { days, edges } = splitWindow(w);
  const source = await rollupSource(db, days);
  const edgeRows = edges.map(
    (e) => Prisma.sql`
    union all
    select "serviceId", 1 from "Deployment"
    where status = 'success' and environment = 'production' and "finishedAt" >= ${e.from} and "finishedAt" < ${e.to}`,
  );
  const rows = await db.$queryRaw<Array<{ tier: number; n: bigint }>>`
    select s.tier, sum(b.n)::bigint as n
    from (
      select dd."serviceId", dd.deployments as n from ${source} dd
      where dd.day >= ${days.from}::date and dd.day < ${days.to}::date
      ${edgeRows.length > 0 ? Prisma.join(edgeRows, "") : Prisma.empty}
    ) b join "Service" s on s.id = b."serviceId"
    group by s.tier`;
  return new Map(rows.map((r) => [r.tier, Number(r.n)]));
}

/** Counted and failed deployments of the active (not archived) services in a window. */
export async function countedFailures(
  w: Window,
  db: PrismaClient = reader(),
): Promise<{ deployments: number; failedDeployments: number }> {
  const { days, edges } = splitWindow(w);
  const source = await rollupSource(db, days);
  const edgeRows = edges.map(
    (e) => Prisma.sql`
    union all
    select e."serviceId", e.deployments, e.failed
    from shipshape_delivery_days((select coalesce(array_agg(id), '{}') from "Service" where "archivedAt" is null), ${e.from}, ${e.to}) e`,
  );
  const [row] = await db.$queryRaw<Array<{ deployments: bigint; failed: bigint }>>`
    select coalesce(sum(b.deployments), 0)::bigint as deployments, coalesce(sum(b.failed), 0)::bigint as failed
    from (
      select dd."serviceId", dd.deployments, dd.failed from ${source} dd
      where dd.day >= ${days.from}::date and dd.day < ${days.to}::date
      ${edgeRows.length > 0 ? Prisma.join(edgeRows, "") : Prisma.empty}
    ) b join "Service" s on s.id = b."serviceId" and s."archivedAt" is null`;
  return { deployments: Number(row.deployments), failedDeployments: Number(row.failed) };
}
