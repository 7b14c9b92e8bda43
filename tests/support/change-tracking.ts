// Which rows a request changed: a row trigger on every table records each insert, delete and real
// update (one that changes more than the bookkeeping columns), so a test can say "and no row
// changed". Used by the authorisation matrix (e2e) and the API fuzzer (integration), each on a
// database where only it writes.
type Sql = {
  $executeRawUnsafe: (sql: string, ...values: unknown[]) => Promise<number>;
  $queryRawUnsafe: <T>(sql: string, ...values: unknown[]) => Promise<T>;
};

// Tables that background jobs and denials are meant to write are left out: the audit log (denials are audited), rate-limit counters, snapshots and notifier state.

const UNTRACKED = new Set([
  "AuditLog",
  "RateLimit",
  "rate_limit",
  "ServiceSnapshot",
  "TeamSnapshot",
  "WatchState",
  "_prisma_migrations",
  "authz_change",
]);

export async function installChangeTracking(db: Sql): Promise<void> {
  await db.$executeRawUnsafe(
    `CREATE TABLE IF NOT EXISTS authz_change (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL)`,
  );
  await db.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION authz_track() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE bookkeeping text[] := ARRAY['updatedAt', 'lastUsedAt', 'lastLoginAt'];
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        -- The notifier's own progress on a delivery row is not a request's doing.
        IF TG_TABLE_NAME = 'NotificationDelivery' THEN RETURN NULL; END IF;
        IF (to_jsonb(NEW) - bookkeeping) IS NOT DISTINCT FROM (to_jsonb(OLD) - bookkeeping) THEN RETURN NULL; END IF;
      END IF;
      INSERT INTO authz_change (tbl, op) VALUES (TG_TABLE_NAME, TG_OP);
      RETURN NULL;
    END $$`);
  const tables = await db.$queryRawUnsafe<Array<{ tablename: string }>>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
  );
  for (const { tablename } of tables) {
    if (UNTRACKED.has(tablename)) continue;
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS authz_track ON "${tablename}"`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER authz_track AFTER INSERT OR UPDATE OR DELETE ON "${tablename}" FOR EACH ROW EXECUTE FUNCTION authz_track()`,
    );
  }
}

export async function removeChangeTracking(db: Sql): Promise<void> {
  const tables = await db.$queryRawUnsafe<Array<{ tablename: string }>>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
  );
  for (const { tablename } of tables)
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS authz_track ON "${tablename}"`);
  await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS authz_track() CASCADE`);
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS authz_change`);
}

export async function changeMark(db: Sql): Promise<bigint> {
  const [row] = await db.$queryRawUnsafe<Array<{ id: bigint | null }>>(`SELECT max(id) AS id FROM authz_change`);
  return row.id ?? 0n;
}

/** The tables changed since a mark, e.g. ["Service UPDATE"]. */
export async function changesSince(db: Sql, mark: bigint): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<Array<{ tbl: string; op: string; n: bigint }>>(
    `SELECT tbl, op, count(*) AS n FROM authz_change WHERE id > $1 GROUP BY tbl, op ORDER BY tbl, op`,
    mark,
  );
  return rows.map((r) => `${r.tbl} ${r.op} ×${r.n}`);
}
