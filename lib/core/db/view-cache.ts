import "server-only";
import superjson from "superjson";
import type { Prisma } from "@/generated/prisma/client";
import { DAY_MS } from "@/lib/core/calendar";
import { prisma } from "./client";

// Organisation-wide views (the delivery overview, the leadership page) take seconds to compute at
// scale. Their results live in PostgreSQL, not in a process: whichever replica computes a view,
// every replica serves that result until it expires, and `fresh` recomputes it for everyone.
// Ingestion invalidates them: a write that changes a delivery rollup logs the (service, day) it made
// stale, and the rollup refresher deletes the views keyed `org-dora|…` and `leadership|…` when it
// folds that log in (migration 20261207120000_delivery_day_refresh), within seconds. Until
// then, a view of the rollups (`rollups: true`) is not served while a write newer than it waits in
// the log, so a cached organisation page never shows figures older than the last deployment.
// Within one process, concurrent misses share one computation. Values keep their Dates (superjson).

export type CachedView<T> = { value: T; computedAt: Date };

const globalForViews = globalThis as unknown as { shipshapeViewsInFlight?: Map<string, Promise<CachedView<unknown>>> };
const inFlight = (globalForViews.shipshapeViewsInFlight ??= new Map());

export async function cachedView<T>(
  key: string,
  ttlMs: number,
  compute: () => Promise<T>,
  opts: { fresh?: boolean; rollups?: boolean } = {},
): Promise<CachedView<T>> {
  if (!opts.fresh) {
    const row = await prisma.viewCache.findUnique({ where: { key } });
    if (row && row.expiresAt.getTime() > Date.now() && !(opts.rollups && (await rollupsChangedSince(row.computedAt)))) {
      return {
        value: superjson.deserialize<T>(row.value as unknown as Parameters<typeof superjson.deserialize>[0]),
        computedAt: row.computedAt,
      };
    }
  }
  const running = inFlight.get(key) as Promise<CachedView<T>> | undefined;
  if (running) return running;
  const computing = (async () => {
    const computedAt = new Date();
    const value = await compute();
    const stored = superjson.serialize(value) as unknown as Prisma.InputJsonValue;
    const expiresAt = new Date(computedAt.getTime() + ttlMs);
    await prisma.viewCache.upsert({
      where: { key },
      create: { key, value: stored, computedAt, expiresAt },
      update: { value: stored, computedAt, expiresAt },
    });
    return { value, computedAt };
  })();
  inFlight.set(key, computing);
  try {
    return await computing;
  } finally {
    inFlight.delete(key);
  }
}

/** Whether a write logged a stale rollup since the instant (the refresher has not folded it in yet). */
async function rollupsChangedSince(at: Date): Promise<boolean> {
  const [row] = await prisma.$queryRaw<Array<{ changed: boolean }>>`
    select exists (select 1 from "DeliveryDayStale" where "markedAt" >= ${at}) as changed`;
  return row.changed;
}

/** Drops views that expired over a day ago (the retention job). */
export async function pruneViewCache(): Promise<number> {
  const { count } = await prisma.viewCache.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - DAY_MS) } } });
  return count;
}
