import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaClient } from "@/generated/prisma/client";
import { prisma, replicas } from "@/lib/core/db/client";
import { isDatabaseUnavailable } from "@/lib/core/db/unavailable";
import { logger } from "@/lib/core/logger";

// Where a dashboard's reads go. Organisation-wide views (overview, delivery, leadership, scorecards)
// tolerate a replica's lag of a second or so, and they are the heavy reads: with
// DATABASE_REPLICA_URLS set they run on a replica. Everything else (writes, and pages that show what
// the user just changed) stays on the primary. A replica that does not answer is skipped for
// REPLICA_RETRY_MS and the view is read from the primary instead: a lost replica slows dashboards,
// it never breaks them.

const REPLICA_RETRY_MS = Number(process.env.SHIPSHAPE_REPLICA_RETRY_MS ?? 30_000);
const log = logger.child({ component: "replicas" });

const globalForReads = globalThis as unknown as {
  shipshapeReadStore?: AsyncLocalStorage<PrismaClient>;
  shipshapeReplicaDownUntil?: number;
};
const store = (globalForReads.shipshapeReadStore ??= new AsyncLocalStorage<PrismaClient>());

/** The client a dashboard loader reads with: the replica chosen by `onReplica`, else the primary. */
export function reader(): PrismaClient {
  return store.getStore() ?? prisma;
}

/**
 * Runs a dashboard's read-only computation on a read replica when one is configured and answering,
 * and again on the primary if the replica turns out to be unreachable. `read` must only read, and
 * must read through `reader()`.
 */
export async function onReplica<T>(view: string, read: () => Promise<T>): Promise<T> {
  const configured = replicas();
  if (!configured || Date.now() < (globalForReads.shipshapeReplicaDownUntil ?? 0)) return read();
  try {
    return await store.run(configured.pick(), read);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    globalForReads.shipshapeReplicaDownUntil = Date.now() + REPLICA_RETRY_MS;
    log.warn({ err: error, view, retryInMs: REPLICA_RETRY_MS }, "read replica unavailable; reading from the primary");
    return read();
  }
}
