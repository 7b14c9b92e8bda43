import "server-only";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";

// Where a read takes its daily rollups from. The view "DeliveryDayCurrent" is always exact: it
// computes from the events the (service, day) pairs that the rollup refresher has not folded in
// yet (./rollup-refresh.ts). But it is a union, which PostgreSQL cannot flatten, and reading a
// half-year of the organisation's days through it cost about twice the table's scan. Nearly always
// no day of a read's range waits (the refresher folds a write in within seconds), so a read first
// asks, by index, and then reads the table itself.
//
// What a read of the table can miss is a write that commits after that question (all of it, or the
// days of it that the refresher has not yet folded in when the read runs): as with any write that
// commits after a page's reads, the next load shows it.

export const ROLLUPS_TABLE = Prisma.sql`"DeliveryDay"`;
export const ROLLUPS_CURRENT = Prisma.sql`"DeliveryDayCurrent"`;

/** The table when no day of [from, to) (of these services, when given) waits for the refresher, else the view. */
export async function rollupSource(
  db: PrismaClient,
  days: { from: string; to: string },
  serviceIds?: string[],
): Promise<Prisma.Sql> {
  if (days.from >= days.to) return ROLLUPS_TABLE;
  const [row] = await db.$queryRaw<Array<{ waiting: boolean }>>`
    select exists (
      select 1 from "DeliveryDayStale"
      where day >= ${days.from}::date and day < ${days.to}::date
        ${serviceIds ? Prisma.sql`and "serviceId" = any(${[...new Set(serviceIds)]}::uuid[])` : Prisma.empty}
    ) as waiting`;
  return row.waiting ? ROLLUPS_CURRENT : ROLLUPS_TABLE;
}
