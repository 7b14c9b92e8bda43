import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { readReplicas } from "@prisma/extension-read-replicas";
import pg from "pg";
import { PrismaClient, type Prisma } from "@/generated/prisma/client";
import { provideMetricSource } from "@/lib/core/metrics";
import { onShutdown } from "@/lib/core/shutdown";

// One client per process; kept on globalThis so dev hot reloads do not open a pool each time.
// The pool connects lazily, so importing this module (e.g. during `next build`) opens nothing.
// DATABASE_URL itself is validated at start-up (instrumentation.ts, lib/cli).
const globalForPrisma = globalThis as unknown as {
  shipshapePrisma?: PrismaClient;
  shipshapePool?: pg.Pool;
  shipshapeReplicas?: Replicas | null;
};

type Replicas = { pick: () => PrismaClient; count: number; urls: string[]; clients: PrismaClient[] };

function createPool(connectionString: string | undefined, applicationName: string): pg.Pool {
  return new pg.Pool({
    connectionString,
    application_name: applicationName,
    max: Number(process.env.SHIPSHAPE_DB_POOL ?? 10),
    idleTimeoutMillis: 30_000,
    // Heavy organisation-wide pages queue for a connection while other aggregates run: wait for one
    // rather than fail. (An unreachable server still fails at once: connection refused.)
    connectionTimeoutMillis: Number(process.env.SHIPSHAPE_DB_CONNECT_TIMEOUT_MS ?? 30_000),
    // A query whose answer does not arrive in time (a stalled network, a hung server) fails with
    // 503 rather than holding the request and its connection forever.
    query_timeout: Number(process.env.SHIPSHAPE_DB_QUERY_TIMEOUT_MS ?? 60_000),
  });
}

function createClient(): PrismaClient {
  const pool = createPool(process.env.DATABASE_URL, "shipshape");
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

/**
 * One statement on the primary, straight through node-postgres (the pool Prisma uses): for the
 * ingest path's statements, where Prisma's raw-query machinery cost as much CPU as the statement
 * (about a quarter of a millisecond each). Results are node-postgres' own: int8 and numeric as
 * text, json parsed, timestamps as Dates.
 */
export async function primaryRows<T>(sql: Prisma.Sql): Promise<T[]> {
  const pool = globalForPrisma.shipshapePool;
  if (!pool) throw new Error("the database client was not created");
  return (await pool.query(sql.text, sql.values)).rows as T[];
}

/**
 * Statements in one transaction on one of the primary pool's connections, straight through
 * node-postgres (the hot write paths: an interactive Prisma transaction costs several times the
 * statements' own CPU). Rolled back if `fn` throws.
 */
export async function primaryTransaction<T>(
  fn: (query: <R>(sql: Prisma.Sql) => Promise<R[]>) => Promise<T>,
): Promise<T> {
  const pool = globalForPrisma.shipshapePool;
  if (!pool) throw new Error("the database client was not created");
  const client = await pool.connect();
  let broken: unknown;
  try {
    await client.query("begin");
    const result = await fn(async <R>(sql: Prisma.Sql) => (await client.query(sql.text, sql.values)).rows as R[]);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch((e: unknown) => (broken = e));
    throw error;
  } finally {
    // A connection whose rollback failed is in an unknown state: the pool drops it.
    client.release(broken instanceof Error ? broken : undefined);
  }
}

/** DATABASE_REPLICA_URLS, split (validated at start-up by lib/core/env.ts). */
export function replicaUrls(value = process.env.DATABASE_REPLICA_URLS): string[] {
  return (value ?? "")
    .split(",")
    .map((u) => u.trim())
    .filter(Boolean);
}

// The read replicas, through Prisma's own extension: it owns the replica clients (connect,
// disconnect) and picks one per read. Only the dashboards' loaders use it, through `onReplica`
// (lib/core/db/replicas.ts); `prisma` above stays the primary, so every write, and every read that
// must see a write just made, goes there.
function createReplicas(): Replicas | null {
  const urls = replicaUrls();
  if (!urls.length) return null;
  const clients = urls.map(
    (url) =>
      new PrismaClient({
        adapter: new PrismaPg(createPool(url, "shipshape-replica"), { disposeExternalPool: true }),
      }),
  );
  const extended = prisma.$extends(readReplicas({ replicas: clients }));
  onShutdown("database replicas", 2, () => Promise.all(clients.map((c) => c.$disconnect())).then(() => undefined));
  // `$replica()` hands back one of `clients`: plain PrismaClients, typed by the extension as its
  // own client minus the routing methods.
  const pick = (): PrismaClient => extended.$replica() as unknown as PrismaClient;
  return { pick, count: clients.length, urls, clients };
}

/** The configured read replicas, or null (the default: everything reads the primary). */
export function replicas(): Replicas | null {
  if (globalForPrisma.shipshapeReplicas === undefined) globalForPrisma.shipshapeReplicas = createReplicas();
  return globalForPrisma.shipshapeReplicas;
}

/** Closes the pool for good (CLI commands, start-up tasks and shutdown, as the process ends). */
export async function disconnectDatabase(): Promise<void> {
  await prisma.$disconnect();
}
