import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { provideMetricSource } from "@/lib/core/metrics";
import { onShutdown } from "@/lib/core/shutdown";

// One client per process; kept on globalThis so dev hot reloads do not open a pool each time.
// The pool connects lazily, so importing this module (e.g. during `next build`) opens nothing.
// DATABASE_URL itself is validated at start-up (instrumentation.ts, lib/cli).
const globalForPrisma = globalThis as unknown as { shipshapePrisma?: PrismaClient; shipshapePool?: pg.Pool };

function createClient(): PrismaClient {
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.SHIPSHAPE_DB_POOL ?? 10),
    idleTimeoutMillis: 30_000,
    // Heavy organisation-wide pages queue for a connection while other aggregates run: wait for one
    // rather than fail. (An unreachable server still fails at once: connection refused.)
    connectionTimeoutMillis: Number(process.env.SHIPSHAPE_DB_CONNECT_TIMEOUT_MS ?? 30_000),
    // A query whose answer does not arrive in time (a stalled network, a hung server) fails with
    // 503 rather than holding the request and its connection forever.
    query_timeout: Number(process.env.SHIPSHAPE_DB_QUERY_TIMEOUT_MS ?? 60_000),
  });
  globalForPrisma.shipshapePool = pool;
  provideMetricSource({
    pool: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: pool.options.max ?? 10,
    }),
  });
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  onShutdown("database", 2, () => client.$disconnect());
  return client;
}

export const prisma: PrismaClient = globalForPrisma.shipshapePrisma ?? createClient();
globalForPrisma.shipshapePrisma = prisma;

/** Closes the pool for good (CLI commands, start-up tasks and shutdown, as the process ends). */
export async function disconnectDatabase(): Promise<void> {
  await prisma.$disconnect();
}
