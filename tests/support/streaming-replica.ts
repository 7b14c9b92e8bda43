// A real primary and a hot standby fed by streaming replication (Debian's PostgreSQL 15: its
// pg_basebackup makes the standby, as a managed database's read replica is made), on loopback
// ports, for the read-replica test. The standby refuses every write, as a production one does.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "@/lib/core/runtime/app-server";
import { runPrisma } from "@/lib/core/db/migrate";

const run = promisify(execFile);
const BIN = "/usr/lib/postgresql/15/bin";

export type StreamingPair = {
  primaryUrl: string;
  standbyUrl: string;
  /** Runs one statement on the standby as its superuser (pausing replay, reading what it has). */
  onStandby: <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<R[]>;
  /** Waits until the standby has replayed everything the primary has written so far. */
  caughtUp: () => Promise<void>;
  stopStandby: () => Promise<void>;
  stop: () => Promise<void>;
};

const asPostgres = (cmd: string, args: string[]) => run("runuser", ["-u", "postgres", "--", cmd, ...args]);

async function query<R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

export async function startStreamingPair(): Promise<StreamingPair> {
  if (!fs.existsSync(path.join(BIN, "pg_basebackup"))) {
    throw new Error("PostgreSQL 15 is not installed (apt-get install -y postgresql-15; .ci/run does it)");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-streaming-"));
  fs.chmodSync(dir, 0o755);
  await run("chown", ["postgres:postgres", dir]);
  const primaryPort = await freePort();
  const primaryDir = path.join(dir, "primary");
  const standbyDir = path.join(dir, "standby");
  const started: string[] = [];
  const start = async (data: string, port: number) => {
    await asPostgres(`${BIN}/pg_ctl`, [
      "-D",
      data,
      "-l",
      `${data}.log`,
      "-w",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
      "start",
    ]);
    started.push(data);
  };
  const stopOne = async (data: string) => {
    if (!started.includes(data)) return;
    started.splice(started.indexOf(data), 1);
    await asPostgres(`${BIN}/pg_ctl`, ["-D", data, "-m", "fast", "-w", "stop"]);
  };

  // Loopback connections (replication included) are trusted: initdb's own pg_hba lines.
  await asPostgres(`${BIN}/initdb`, ["-D", primaryDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  fs.appendFileSync(
    path.join(primaryDir, "postgresql.conf"),
    ["wal_level = replica", "max_wal_senders = 4", "hot_standby = on", "fsync = off", ""].join("\n"),
  );
  await start(primaryDir, primaryPort);
  const admin = `postgresql://postgres@127.0.0.1:${primaryPort}/postgres`;
  await query(admin, "create database shipshape");
  const primaryUrl = `postgresql://postgres@127.0.0.1:${primaryPort}/shipshape`;
  await runPrisma(["migrate", "deploy"], primaryUrl, { quiet: true });

  // The standby: a base backup of the running primary, told (-R) to stream from it.
  await asPostgres(`${BIN}/pg_basebackup`, [
    "-h",
    "127.0.0.1",
    "-p",
    String(primaryPort),
    "-U",
    "postgres",
    "-D",
    standbyDir,
    "-R",
    "-X",
    "stream",
    "--checkpoint=fast",
  ]);
  // Chosen once the primary holds its port: two free ports asked for in a row can be the same one.
  const standbyPort = await freePort();
  await start(standbyDir, standbyPort);
  const standbyUrl = `postgresql://postgres@127.0.0.1:${standbyPort}/shipshape`;

  const caughtUp = async () => {
    const [{ lsn }] = await query<{ lsn: string }>(admin, "select pg_current_wal_lsn()::text as lsn");
    for (let i = 0; i < 300; i++) {
      const [{ behind }] = await query<{ behind: boolean }>(
        standbyUrl,
        "select pg_last_wal_replay_lsn() < $1::pg_lsn as behind",
        [lsn],
      );
      if (!behind) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the standby did not catch up within 30 s");
  };
  await caughtUp();

  return {
    primaryUrl,
    standbyUrl,
    onStandby: (sql, params) => query(standbyUrl, sql, params),
    caughtUp,
    stopStandby: () => stopOne(standbyDir),
    stop: async () => {
      await stopOne(standbyDir);
      await stopOne(primaryDir);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
