import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import * as tar from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { createDatabase, startCluster, stopCluster, type Cluster } from "@/lib/core/db/embedded-postgres";
import { manifestOf } from "../support/backups";
import { makeService, makeTeam, makeToken, makeUser } from "../support/factories";
import { createScratchDatabase } from "../support/scratch-database";
import { freePort } from "../support/test-database";

// `npm run cli -- backup` while writes keep arriving, restored with `npm run cli -- restore` into a
// fresh PostgreSQL cluster: the same rows, byte for byte. (tests/e2e/backup.spec.ts does the same
// with the demo database while the e2e suite uses it.)

const exec = promisify(execFile);
const KEY_TABLES = ["Team", "Service", "User", "TeamMembership", "ApiToken", "Deployment", "Incident"];

async function cli(url: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "lib/cli/index.ts", ...args],
      {
        env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" },
      },
    );
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

/** Row count and an order-independent checksum of every row's text form. */
async function fingerprint(url: string, table: string): Promise<{ rows: number; md5: string }> {
  const [r] = await query<{ rows: number; md5: string }>(
    url,
    `select count(*)::int as rows, coalesce(md5(string_agg(h, '' order by h)), '') as md5
       from (select md5(t::text) as h from "${table}" t) x`,
  );
  return r;
}

describe("backup and restore", () => {
  let source: { url: string; drop: () => Promise<void> };
  let cluster: Cluster;
  let clusterDir: string;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-backups-"));

  beforeAll(async () => {
    source = await createScratchDatabase();
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: source.url, max: 2 }) });
    try {
      for (let t = 0; t < 3; t++) {
        const team = await makeTeam(db);
        await makeUser(db, { role: "engineer", teamIds: [team.id] });
        await makeToken(db, ["ingest"], team.id);
        for (let s = 0; s < 3; s++) {
          const svc = await makeService(db, team.id);
          const now = Date.now();
          await db.deployment.createMany({
            data: Array.from({ length: 200 }, (_, i) => ({
              serviceId: svc.id,
              externalId: `seed-${i}`,
              environment: "production",
              status: i % 9 === 0 ? "failure" : "success",
              finishedAt: new Date(now - i * 3_600_000),
            })),
          });
          await db.incident.create({
            data: {
              serviceId: svc.id,
              externalId: `inc-${s}`,
              title: 'Checkout errors ⚠ with "quotes", tabs\tand\nnewlines',
              severity: "sev2",
              startedAt: new Date(now - 5 * 3_600_000),
              resolvedAt: new Date(now - 4 * 3_600_000),
            },
          });
        }
      }
    } finally {
      await db.$disconnect();
    }
    clusterDir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-restore-pg-"));
    cluster = await startCluster({
      dataDir: path.join(clusterDir, "data"),
      port: await freePort(),
      password: crypto.randomBytes(8).toString("hex"),
      fast: true,
    });
  }, 120_000);

  afterAll(async () => {
    await source?.drop();
    if (cluster) await stopCluster(cluster);
    fs.rmSync(clusterDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("round-trips a database, taken while writes arrive, into a fresh cluster", async () => {
    const file = path.join(work, "demo.tar.gz");
    // The app keeps serving: deployments are written throughout the backup.
    const [svc] = await query<{ id: string }>(source.url, `select id from "Service" order by slug limit 1`);
    let writing = true;
    let written = 0;
    const writer = (async () => {
      const c = new pg.Client({ connectionString: source.url });
      await c.connect();
      while (writing) {
        await c.query(
          `insert into "Deployment" (id, "serviceId", "externalId", environment, status, "finishedAt", source, "createdAt")
           values (gen_random_uuid(), $1, $2, 'production', 'success', now(), 'api', now())`,
          [svc.id, `during-backup-${written}`],
        );
        written++;
      }
      await c.end();
    })();
    const backup = await cli(source.url, "backup", "--out", file);
    writing = false;
    await writer;
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^backup written to .*: \d+ tables, \d+ rows, \d+ migrations \(PostgreSQL \d+/);
    expect(written).toBeGreaterThan(0);
    const manifest = await manifestOf(file);

    const target = await createDatabase(cluster, "restored");
    const restore = await cli(target, "restore", file);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/^restored \d+ tables, \d+ rows from /);

    // Tables nobody wrote during the backup are identical to the source.
    for (const table of KEY_TABLES.filter((t) => t !== "Deployment")) {
      const [a, b] = await Promise.all([fingerprint(source.url, table), fingerprint(target, table)]);
      expect(b, table).toEqual(a);
      expect(a.rows, `${table} has rows`).toBeGreaterThan(0);
    }
    // Deployments are the snapshot's: what the backup saw, not the rows written after it began.
    const deployments = await fingerprint(target, "Deployment");
    expect(deployments.rows).toBe(manifest.tables.find((t) => t.name === "Deployment")?.rows);
    expect((await fingerprint(source.url, "Deployment")).rows).toBeGreaterThan(deployments.rows);

    // A backup of the restored database is byte for byte the same, table by table.
    const again = path.join(work, "again.tar.gz");
    expect((await cli(target, "backup", "--out", again)).code).toBe(0);
    const second = await manifestOf(again);
    expect(second.migrations).toEqual(manifest.migrations);
    expect(second.tables.map((t) => [t.name, t.rows, t.sha256])).toEqual(
      manifest.tables.map((t) => [t.name, t.rows, t.sha256]),
    );
  });

  it("refuses to restore over a database that has tables, and changes nothing there", async () => {
    const file = path.join(work, "small.tar.gz");
    expect((await cli(source.url, "backup", "--out", file)).code).toBe(0);
    const before = await fingerprint(source.url, "Team");
    const r = await cli(source.url, "restore", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("restore needs an empty database");
    expect(await fingerprint(source.url, "Team")).toEqual(before);
  });

  it("refuses a damaged backup before touching the database", async () => {
    const file = path.join(work, "small.tar.gz");
    const dir = fs.mkdtempSync(path.join(work, "unpacked-"));
    await tar.extract({ file, cwd: dir });
    fs.appendFileSync(path.join(dir, "tables", "Team.copy"), "tampered\n");
    const damaged = path.join(work, "damaged.tar.gz");
    await tar.create({ gzip: true, file: damaged, cwd: dir }, ["manifest.json", "tables"]);
    const target = await createDatabase(cluster, "damaged");
    const r = await cli(target, "restore", damaged);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("the backup is damaged: tables/Team.copy does not match its checksum");
    const [{ n }] = await query<{ n: number }>(
      target,
      `select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
    );
    expect(n).toBe(0);
  });
});
