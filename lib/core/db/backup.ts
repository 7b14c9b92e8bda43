// `npm run cli -- backup --out FILE` and `restore FILE`: a logical backup of Shipshape's tables.
//
// Why not pg_dump: the embedded server is PostgreSQL 18, and pg_dump refuses servers newer than
// itself; Debian 12 ships pg_dump 15. So the backup is made with the server's own COPY, which every
// version speaks: one REPEATABLE READ, READ ONLY transaction (a consistent snapshot while the app
// keeps serving), each table in COPY's text format in primary-key order, plus a manifest of columns, row counts,
// checksums and the migrations applied. The archive is a gzipped tar (node-tar), readable with
// `tar -xzf`. Restore needs an empty database: it applies the migrations, then loads the tables in
// foreign-key order with every constraint checked, and fails whole on any mismatch.
// The job queue (schema pgboss) is not included: its schedules are recreated at start-up, and
// jobs in flight are retried or re-queued by the app.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import * as tar from "tar";
import { committedMigrations, runPrisma } from "./migrate";

const FORMAT = "shipshape-backup";
const VERSION = 1;
/**
 * Caches and counters (sign-in and API limits), rebuilt on demand: not worth restoring. DeliveryDayStale is the daily
 * rollups' refresh log: the rollups are saved as readers see them (the view "DeliveryDayCurrent",
 * exact whatever the log holds), and restoring the deployments logs every day again, which the
 * restore then folds in.
 */
const SKIPPED = new Set(["_prisma_migrations", "ViewCache", "rate_limit", "api_rate_limit", "DeliveryDayStale"]);
/** Tables saved from what readers read rather than from the table itself. */
const READ_FROM: Record<string, string> = { DeliveryDay: "DeliveryDayCurrent" };

type TableEntry = { name: string; columns: string[]; rows: number; file: string; sha256: string };
export type BackupManifest = {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  serverVersion: string;
  migrations: string[];
  tables: TableEntry[];
};

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

type TableShape = { name: string; columns: string[]; key: string[] };

/** Tables with their columns, and the primary key to order rows by (so equal data gives equal bytes). */
async function publicTables(client: pg.Client): Promise<TableShape[]> {
  const { rows } = await client.query<{ table_name: string; columns: string[]; key: string[] | null }>(
    `select c.table_name, array_agg(c.column_name::text order by c.ordinal_position) as columns,
            (select array_agg(a.attname::text order by k.ord)
               from pg_index i
               cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
               join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
              where i.indrelid = format('%I', c.table_name)::regclass and i.indisprimary) as key
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and c.is_generated = 'NEVER'
      group by c.table_name order by c.table_name`,
  );
  return rows
    .filter((r) => !SKIPPED.has(r.table_name))
    .map((r) => ({ name: r.table_name, columns: r.columns, key: r.key ?? r.columns }));
}

/** Counts rows (lines: COPY's text format escapes newlines inside values) and hashes what passes. */
function counter() {
  const hash = crypto.createHash("sha256");
  let rows = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ rows, sha256: hash.digest("hex") }) };
}

export async function backupDatabase(url: string, outFile: string): Promise<BackupManifest> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-backup-"));
  const client = await connect(url);
  try {
    await client.query("begin isolation level repeatable read read only");
    const serverVersion = (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]
      .v;
    const migrations = (
      await client.query<{ migration_name: string }>(
        `select migration_name from _prisma_migrations where finished_at is not null and rolled_back_at is null order by 1`,
      )
    ).rows.map((r) => r.migration_name);
    fs.mkdirSync(path.join(work, "tables"));
    const tables: TableEntry[] = [];
    for (const t of await publicTables(client)) {
      const file = `tables/${t.name}.copy`;
      const count = counter();
      // In key order, not the heap's: a restored table's rows sit in other places, and a backup of
      // it must still be byte for byte the same.
      const select = `SELECT ${t.columns.map(ident).join(", ")} FROM ${ident(READ_FROM[t.name] ?? t.name)} ORDER BY ${t.key.map(ident).join(", ")}`;
      const source = client.query(copyTo(`COPY (${select}) TO STDOUT`));
      await pipeline(source, count.stream, fs.createWriteStream(path.join(work, file)));
      tables.push({ name: t.name, columns: t.columns, file, ...count.result() });
    }
    await client.query("commit");
    const manifest: BackupManifest = {
      format: FORMAT,
      version: VERSION,
      createdAt: new Date().toISOString(),
      serverVersion,
      migrations,
      tables,
    };
    fs.writeFileSync(path.join(work, "manifest.json"), JSON.stringify(manifest, null, 2));
    fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
    const partial = `${outFile}.partial`;
    await tar.create({ gzip: true, file: partial, cwd: work, portable: true }, ["manifest.json", "tables"]);
    fs.renameSync(partial, outFile); // never a half-written backup under the final name
    return manifest;
  } finally {
    await client.end().catch(() => {});
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export class RestoreError extends Error {}

function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, "manifest.json");
  if (!fs.existsSync(file)) throw new RestoreError("not a Shipshape backup: manifest.json is missing");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as BackupManifest;
  if (manifest.format !== FORMAT) throw new RestoreError("not a Shipshape backup: unknown format");
  if (manifest.version > VERSION)
    throw new RestoreError(`backup format ${manifest.version} is newer than this version reads`);
  const known = new Set(committedMigrations());
  const unknown = manifest.migrations.filter((m) => !known.has(m));
  if (unknown.length)
    throw new RestoreError(`the backup comes from a newer Shipshape (migrations ${unknown.join(", ")}): upgrade first`);
  for (const t of manifest.tables) {
    const sha = crypto
      .createHash("sha256")
      .update(fs.readFileSync(path.join(dir, t.file)))
      .digest("hex");
    if (sha !== t.sha256) throw new RestoreError(`the backup is damaged: ${t.file} does not match its checksum`);
  }
  return manifest;
}

/** Tables ordered so that every table comes after those its foreign keys point to. */
async function loadOrder(client: pg.Client, names: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent
       from pg_constraint k
       join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
       join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and c.relname <> p.relname`,
  );
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const r of rows) parents.get(r.child)?.add(r.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter(
      (n) => !placed.has(n) && [...(parents.get(n) ?? [])].every((p) => placed.has(p) || !parents.has(p)),
    );
    if (ready.length === 0) throw new RestoreError("the schema's foreign keys form a cycle; cannot order the load");
    for (const n of ready) {
      ordered.push(n);
      placed.add(n);
    }
  }
  return ordered;
}

export async function restoreDatabase(url: string, file: string): Promise<{ tables: number; rows: number }> {
  if (!fs.existsSync(file)) throw new RestoreError(`no such file: ${file}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-restore-"));
  try {
    await tar.extract({ file, cwd: work, strict: true });
    const manifest = readManifest(work);
    const probe = await connect(url);
    try {
      const { rows } = await probe.query<{ n: number }>(
        `select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
      );
      if (rows[0].n > 0)
        throw new RestoreError(
          "restore needs an empty database: this one already has tables (create a new database and point DATABASE_URL at it)",
        );
    } finally {
      await probe.end();
    }
    await runPrisma(["migrate", "deploy"], url, { quiet: true });

    const client = await connect(url);
    try {
      await client.query("begin");
      const present = new Set((await publicTables(client)).map((t) => t.name));
      const missing = manifest.tables.filter((t) => !present.has(t.name)).map((t) => t.name);
      if (missing.length) throw new RestoreError(`the backup has tables this version does not: ${missing.join(", ")}`);
      const byName = new Map(manifest.tables.map((t) => [t.name, t]));
      let total = 0;
      for (const name of await loadOrder(client, [...byName.keys()])) {
        const t = byName.get(name) as TableEntry;
        const sink = client.query(copyFrom(`COPY ${ident(t.name)} (${t.columns.map(ident).join(", ")}) FROM STDIN`));
        await pipeline(fs.createReadStream(path.join(work, t.file)), sink);
        const loaded = (await client.query<{ n: number }>(`select count(*)::int as n from ${ident(t.name)}`)).rows[0].n;
        if (loaded !== t.rows) throw new RestoreError(`${t.name}: loaded ${loaded} rows, the backup has ${t.rows}`);
        total += loaded;
      }
      // Serial columns continue after the restored rows.
      const serials = await client.query<{ tbl: string; col: string; seq: string }>(
        `select c.table_name as tbl, c.column_name as col, pg_get_serial_sequence(format('%I', c.table_name), c.column_name) as seq
           from information_schema.columns c
          where c.table_schema = 'public' and pg_get_serial_sequence(format('%I', c.table_name), c.column_name) is not null`,
      );
      for (const s of serials.rows)
        await client.query(
          `select setval($1, coalesce((select max(${ident(s.col)}) from ${ident(s.tbl)}), 0) + 1, false)`,
          [s.seq],
        );
      await client.query("commit");
      // Every restored day was logged stale by its deployments: fold them into the rollups.
      const refresh = "select shipshape_delivery_days_refresh(2000, true) as n";
      for (let n = 1; n > 0;) n = (await client.query<{ n: number | null }>(refresh)).rows[0].n ?? 0;
      return { tables: manifest.tables.length, rows: total };
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      await client.end().catch(() => {});
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
