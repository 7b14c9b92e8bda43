import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { prisma } from "@/lib/core/db/client";
import { logger } from "@/lib/core/logger";
import { type Actor, authorize } from "@/lib/core/auth/permissions";

// The daily rollups ("DeliveryDay") are folded in behind the writes: a write logs the (service, day)
// pairs it made stale in "DeliveryDayStale", and shipshape_delivery_days_refresh() recomputes them
// (migration 20261207120000_delivery_day_refresh). Readers read the view "DeliveryDayCurrent", which
// computes the logged pairs from the events, so no figure is ever stale: the refresher's lag only
// decides how much a read computes. One refresher works at a time across every replica (an advisory
// lock); the others find the lock taken and wait for their next turn.

/** Pairs refreshed per statement: a whole organisation's day (2,000 services) in one pass. */
const BATCH_PAIRS = 2_000;

/**
 * Folds up to `limit` stale pairs into the rollups: the number refreshed, or null when another
 * refresher holds the lock (`wait` waits for it instead). With `settleSeconds`, a pair is left while
 * writes keep marking it (until they pause that long, or its oldest mark is thirty times as old).
 */
export async function refreshDeliveryDays(
  db: PrismaClient = prisma,
  opts: { limit?: number; wait?: boolean; settleSeconds?: number } = {},
): Promise<number | null> {
  const [row] = await db.$queryRaw<Array<{ n: number | null }>>`
    select shipshape_delivery_days_refresh(${opts.limit ?? BATCH_PAIRS}::int, ${opts.wait ?? false},
                                           make_interval(secs => ${opts.settleSeconds ?? 0})) as n`;
  return row.n;
}

/**
 * Refreshes until nothing is stale: the pairs refreshed here. Without `wait`, it stops at once when
 * another refresher is at work (the refresher's turns); with it, it waits its turn and returns only
 * when every write committed before the call is folded in (seeding, restores, tests).
 */
export async function drainDeliveryDays(db: PrismaClient = prisma, opts: { wait?: boolean } = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await refreshDeliveryDays(db, { wait: opts.wait });
    if (n === null || n === 0) return total;
    total += n;
  }
}

export type RollupLag = { pairs: number; oldestMarkedAt: Date | null };

/** The refresher's backlog, for the organisation pages' "as of" line. */
export async function readRollupLag(actor: Actor | null): Promise<RollupLag> {
  authorize(actor, "read");
  return rollupLag();
}

/** What the refresher has still to do: stale pairs, and when the oldest was marked. */
export async function rollupLag(db: PrismaClient = prisma): Promise<RollupLag> {
  const [row] = await db.$queryRaw<Array<{ pairs: number; oldest: Date | null }>>`
    select count(*)::int as pairs, min(oldest) as oldest
    from (select min("markedAt") as oldest from "DeliveryDayStale" group by "serviceId", day) p`;
  return { pairs: row.pairs, oldestMarkedAt: row.oldest };
}

/** How long the refresher lets a busy day settle (migration 20261207170000_delivery_day_settle). */
const SETTLE_SECONDS = 2;

/**
 * Runs the refresher every `intervalMs` until stopped: each turn refreshes until nothing settled is
 * stale (a day that writes keep marking waits until they pause for `settleSeconds`, two by default),
 * resting between its statements as long as the last one took, so that while writes pour in it
 * takes at most about half of one database core from them (a batch of a whole organisation's busy
 * day takes a few seconds). Stopping waits for the statement under way, not for the rest of the
 * turn (a replica that is shutting down leaves the rest to the next refresher). A failed turn (the
 * database restarting) is logged and the next one tries again.
 */
export function startRollupRefresher(
  opts: { intervalMs?: number; db?: PrismaClient; settleSeconds?: number } = {},
): () => Promise<void> {
  const intervalMs = opts.intervalMs ?? 1_000;
  const settleSeconds = opts.settleSeconds ?? SETTLE_SECONDS;
  let stopped = false;
  let turn: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  const drain = async () => {
    let refreshed = 0;
    for (;;) {
      if (stopped) break;
      const started = performance.now();
      const n = await refreshDeliveryDays(opts.db, { settleSeconds });
      if (!n) break;
      refreshed += n;
      await new Promise((rest) => setTimeout(rest, performance.now() - started));
    }
    if (refreshed > 0) logger.debug({ pairs: refreshed }, "daily rollups refreshed");
  };
  const run = () => {
    turn = drain()
      .catch((err: unknown) => logger.warn({ err }, "could not refresh the daily rollups; retrying"))
      .finally(() => {
        if (!stopped) timer = setTimeout(run, intervalMs);
      });
  };
  timer = setTimeout(run, 0);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await turn;
  };
}
