// Throwaway PostgreSQL for tests: its own cluster in the temp dir (fsync off), never the user's
// .data/postgres. With TEST_DATABASE_URL set, uses that server instead, creating and dropping its
// own databases there. Refuses non-local servers: tests create and drop databases.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDatabase, startCluster, stopCluster, type Cluster } from "@/lib/core/db/embedded-postgres";
import { runPrisma } from "@/lib/core/db/migrate";
import { freePort } from "@/lib/core/runtime/app-server";

export type TestServer = {
  /** Creates an empty database, applies the migrations, returns its URL. */
  createMigratedDatabase: (name: string) => Promise<string>;
  stop: () => Promise<void>;
};

export { freePort };

function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (
    !["localhost", "127.0.0.1", "::1", "[::1]"].includes(host) &&
    process.env.SHIPSHAPE_ALLOW_REMOTE_TEST_DB !== "1"
  ) {
    throw new Error(
      `TEST_DATABASE_URL points at ${host}; tests only run against a local database (set SHIPSHAPE_ALLOW_REMOTE_TEST_DB=1 to override)`,
    );
  }
}

async function startEmbedded(): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-test-pg-"));
  const cluster: Cluster = await startCluster({
    dataDir: path.join(dataDir, "data"),
    port: await freePort(),
    password: crypto.randomBytes(12).toString("hex"),
    fast: true,
  });
  return {
    async createMigratedDatabase(name) {
      const url = await createDatabase(cluster, name);
      await runPrisma(["migrate", "deploy"], url, { quiet: true });
      return url;
    },
    async stop() {
      await stopCluster(cluster);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function attachToServer(adminUrl: string): Promise<TestServer> {
  assertLocal(adminUrl);
  const created: string[] = [];
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  return {
    async createMigratedDatabase(name) {
      const db = `${name}_${process.pid}`;
      await admin(`drop database if exists "${db}" with (force)`);
      await admin(`create database "${db}"`);
      created.push(db);
      const url = new URL(adminUrl);
      url.pathname = `/${db}`;
      await runPrisma(["migrate", "deploy"], url.toString(), { quiet: true });
      return url.toString();
    },
    async stop() {
      for (const db of created) await admin(`drop database if exists "${db}" with (force)`);
    },
  };
}

export function startTestServer(): Promise<TestServer> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? attachToServer(url) : startEmbedded();
}
