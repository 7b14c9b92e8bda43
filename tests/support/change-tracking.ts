// Which rows a request changed: a row trigger on every table records each insert, delete and real
// update (one that changes more than the bookkeeping columns), so a test can say "and no row
// changed". Used by the authorisation matrix (e2e) and the API fuzzer (integration), each on a
// database where only it writes.
import type { PrismaClient } from "@/generated/prisma/client";

type Sql = Pick<PrismaClient, "$executeRaw" | "$queryRaw">;

// Tables that background jobs and denials are meant to write are left out: the audit log (denials
// are audited), rate-limit counters, the count of refused webhook deliveries (the Integrations
// page's, per reason and day), snapshots, notifier state, and the daily delivery rollups with their
// refresh log and the cached organisation views the refresher drops (it folds other tests' writes
// in at any moment; a write that made a day stale wrote a deployment or an incident, which are
// tracked).

const UNTRACKED = new Set([
  "AuditLog",
  "RateLimit",
  "rate_limit",
  "api_rate_limit",
  "WebhookTally",
  "ServiceSnapshot",
  "TeamSnapshot",
  "WatchState",
  "DeliveryDay",
  "DeliveryDayStale",
  "ViewCache",
  "_prisma_migrations",
  "authz_change",
]);

export async function installChangeTracking(db: Sql): Promise<void> {
  await db.$executeRaw`CREATE TABLE IF NOT EXISTS authz_change (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL)`;
  await db.$executeRaw`
    CREATE OR REPLACE FUNCTION authz_track() RETURNS trigger LANGUAGE plpgsql AS $$
    -- Besides timestamps, the background jobs' own progress: the alert check's mark on an SLO and
    -- a pulled source's cursor and last-run report (the pull job runs on its schedule mid-test).
    DECLARE bookkeeping text[] := ARRAY['updatedAt', 'lastUsedAt', 'lastLoginAt', 'alertsCheckedAt',
      'cursor', 'lastRunAt', 'lastSuccessAt', 'lastError', 'lastErrorAt', 'lastWritten', 'lastMissing'];
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        -- The notifier's own progress on a delivery row is not a request's doing.
        IF TG_TABLE_NAME = 'NotificationDelivery' THEN RETURN NULL; END IF;
        IF (to_jsonb(NEW) - bookkeeping) IS NOT DISTINCT FROM (to_jsonb(OLD) - bookkeeping) THEN RETURN NULL; END IF;
      END IF;
      INSERT INTO authz_change (tbl, op) VALUES (TG_TABLE_NAME, TG_OP);
      RETURN NULL;
    END $$`;
  // Table names are quoted by the server (format %I), never spliced into SQL here.
  await db.$executeRaw`
    CREATE OR REPLACE FUNCTION authz_retrack(untracked text[], track boolean) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE t text;
    BEGIN
      FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS authz_track ON %I', t);
        IF track AND NOT (t = ANY (untracked)) THEN
          EXECUTE format('CREATE TRIGGER authz_track AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION authz_track()', t);
        END IF;
      END LOOP;
    END $$`;
  await db.$queryRaw`SELECT authz_retrack(${[...UNTRACKED]}::text[], true)::text`;
}

export async function removeChangeTracking(db: Sql): Promise<void> {
  await db.$queryRaw`SELECT authz_retrack(ARRAY[]::text[], false)::text`;
  await db.$executeRaw`DROP FUNCTION IF EXISTS authz_retrack(text[], boolean)`;
  await db.$executeRaw`DROP FUNCTION IF EXISTS authz_track() CASCADE`;
  await db.$executeRaw`DROP TABLE IF EXISTS authz_change`;
}

export async function changeMark(db: Sql): Promise<bigint> {
  const [row] = await db.$queryRaw<Array<{ id: bigint | null }>>`SELECT max(id) AS id FROM authz_change`;
  return row.id ?? 0n;
}

/** The tables changed since a mark, e.g. ["Service UPDATE ×1"]. */
export async function changesSince(db: Sql, mark: bigint): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ tbl: string; op: string; n: bigint }>>`
    SELECT tbl, op, count(*) AS n FROM authz_change WHERE id > ${mark} GROUP BY tbl, op ORDER BY tbl, op`;
  return rows.map((r) => `${r.tbl} ${r.op} ×${r.n}`);
}
