import "server-only";
import fs from "node:fs";
import path from "node:path";
import { prisma, replicas } from "@/lib/core/db/client";

/** A ping slower than this reports the database as degraded (still up, but slow). */
export const DEGRADED_AFTER_MS = Number(process.env.SHIPSHAPE_HEALTH_DEGRADED_MS ?? 1000);
/** A ping that takes longer than this counts as no answer. */
export const HEALTH_TIMEOUT_MS = Number(process.env.SHIPSHAPE_HEALTH_TIMEOUT_MS ?? 5000);

export type DatabaseHealth = { state: "ok" | "degraded" | "unavailable"; latencyMs: number | null };

/**
 * How Postgres answers a trivial query: at once (ok), slowly (degraded), or not within the timeout
 * (unavailable). Bounded by the timeout, never a hang. The pool reconnects by itself when it returns.
 */
export async function checkDatabase(timeoutMs = HEALTH_TIMEOUT_MS): Promise<DatabaseHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const answered = await Promise.race([prisma.$queryRaw`select 1`.then(() => true as const), timeout]);
    if (!answered) return { state: "unavailable", latencyMs: null };
    const latencyMs = Math.round(performance.now() - started);
    return { state: latencyMs > DEGRADED_AFTER_MS ? "degraded" : "ok", latencyMs };
  } catch {
    return { state: "unavailable", latencyMs: null };
  } finally {
    clearTimeout(timer);
  }
}

/** True when Postgres answers within the timeout. */
export async function pingDatabase(timeoutMs = 2000): Promise<boolean> {
  return (await checkDatabase(timeoutMs)).state !== "unavailable";
}

/**
 * Migrations this build ships (prisma/migrations) that the database has not finished applying.
 * Null when the folder is not there to compare with (a build that does not ship it).
 */
export async function pendingMigrations(): Promise<string[] | null> {
  const dir = path.resolve("prisma", "migrations");
  if (!fs.existsSync(dir)) return null;
  const shipped = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const applied = await prisma.$queryRaw<Array<{ migration_name: string }>>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const done = new Set(applied.map((r) => r.migration_name));
  return shipped.filter((m) => !done.has(m)).sort();
}

export type ReplicaHealth = { replica: number; ok: boolean; lagSeconds: number | null; detail: string };

/**
 * Each configured replica: does it answer, and how far behind the primary is it (a streaming
 * standby's time since its last replayed transaction; null when it is not a standby or is idle).
 */
export async function checkReplicas(timeoutMs = 3000): Promise<ReplicaHealth[] | null> {
  const configured = replicas();
  if (!configured) return null;
  return Promise.all(
    configured.clients.map(async (client, i): Promise<ReplicaHealth> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
      try {
        const rows = await Promise.race([
          client.$queryRaw<Array<{ standby: boolean; lag: number | null }>>`
            select pg_is_in_recovery() as standby,
                   extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as lag`,
          timeout,
        ]);
        if (!rows) return { replica: i + 1, ok: false, lagSeconds: null, detail: "does not answer" };
        const { standby, lag } = rows[0];
        const lagSeconds = standby && lag !== null ? Math.max(0, Math.round(lag * 10) / 10) : null;
        return {
          replica: i + 1,
          ok: true,
          lagSeconds,
          detail: standby ? `standby, last replay ${lagSeconds ?? "–"} s ago` : "answers (not a standby)",
        };
      } catch {
        return { replica: i + 1, ok: false, lagSeconds: null, detail: "does not answer" };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}
