import "server-only";
import pg from "pg";
import { onShutdown } from "@/lib/core/shutdown";

// Connections for counters that are not events (the API's rate limits): they commit
// asynchronously (synchronous_commit=off), so a request does not wait for its counter's WAL flush,
// and a crash loses at most the last fraction of a second of counts. They connect directly
// (DIRECT_DATABASE_URL when set): the rate limiter names its prepared statements, which a
// transaction pooler does not keep.

const globalForCounters = globalThis as unknown as { shipshapeCounterPool?: pg.Pool };

export function counterPool(): pg.Pool {
  if (!globalForCounters.shipshapeCounterPool) {
    const pool = new pg.Pool({
      connectionString: process.env.DIRECT_DATABASE_URL ?? process.env.DATABASE_URL,
      application_name: "shipshape-counters",
      max: 2,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: Number(process.env.SHIPSHAPE_DB_CONNECT_TIMEOUT_MS ?? 30_000),
      options: "-c synchronous_commit=off",
    });
    pool.on("error", () => undefined); // an idle connection dropped by a restarting server: the next query reconnects
    onShutdown("counters", 2, () => pool.end());
    globalForCounters.shipshapeCounterPool = pool;
  }
  return globalForCounters.shipshapeCounterPool;
}
