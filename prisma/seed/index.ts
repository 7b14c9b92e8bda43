import type { PrismaClient } from "@/generated/prisma/client";
import { seedDemo, type SeedSummary } from "./demo";

export async function isDatabaseEmpty(db: PrismaClient): Promise<boolean> {
  const [teams, users] = await Promise.all([db.team.count(), db.user.count()]);
  return teams === 0 && users === 0;
}

/** Empties every table but Prisma's migration history (TRUNCATE skips the audit log's row triggers). */
export async function resetDatabase(db: PrismaClient): Promise<void> {
  await db.$executeRaw`
    do $$
    declare t text;
    begin
      select string_agg(quote_ident(tablename), ', ') into t
      from pg_tables where schemaname = 'public' and tablename <> '_prisma_migrations';
      if t is not null then execute 'truncate ' || t || ' restart identity cascade'; end if;
    end $$`;
}

export async function runSeed(
  db: PrismaClient,
  dataset: "demo" | "large",
  opts: { seed?: number; log?: (m: string) => void; scale?: number },
): Promise<SeedSummary> {
  const summary = dataset === "large" ? await (await import("./large")).seedLarge(db, opts) : await seedDemo(db, opts);
  // The history's days are all stale: fold them into the daily rollups now rather than on the first reads.
  const { drainDeliveryDays } = await import("@/lib/delivery/server/rollup-refresh");
  await drainDeliveryDays(db, { wait: true });
  return summary;
}
