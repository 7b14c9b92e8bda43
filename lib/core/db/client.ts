import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

// One client per process; kept on globalThis so dev hot reloads do not open a pool each time.
// The adapter connects lazily, so importing this module (e.g. during `next build`) opens nothing.
// DATABASE_URL itself is validated at start-up (instrumentation.ts, lib/cli).
const globalForPrisma = globalThis as unknown as { shipshapePrisma?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg({
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
  return new PrismaClient({ adapter });
}

export const prisma: PrismaClient = globalForPrisma.shipshapePrisma ?? createClient();
globalForPrisma.shipshapePrisma = prisma;

/** Closes the pool (CLI commands and start-up tasks, before the process exits). */
export async function disconnectDatabase(): Promise<void> {
  await prisma.$disconnect();
}
