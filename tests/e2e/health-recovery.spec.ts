import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, startCluster, stopCluster, type Cluster } from "@/lib/core/db/embedded-postgres";
import { freePort } from "../support/test-database";
import { expect, test } from "./fixtures";

// Its own database server and app server: stopping Postgres must not disturb the other specs.
test("health turns 503 when Postgres stops and recovers by itself when it returns", async () => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-health-"));
  const pgPort = await freePort();
  const appPort = await freePort();
  const opts = { dataDir: path.join(dataDir, "data"), port: pgPort, password: "health-pw", fast: true };
  let cluster: Cluster = await startCluster(opts);
  let app: ChildProcess | null = null;
  try {
    const url = await createDatabase(cluster, "health");
    app = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(appPort)], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        AUTH_SECRET: "health-secret-0123456789",
        NEXTAUTH_URL: `http://localhost:${appPort}`,
        LOG_LEVEL: "silent",
      },
      stdio: "ignore",
      detached: true,
    });
    const health = async () => {
      try {
        return (await fetch(`http://localhost:${appPort}/api/health`)).status;
      } catch {
        return 0;
      }
    };
    await expect.poll(health, { timeout: 60_000 }).toBe(200);
    await stopCluster(cluster);
    await expect.poll(health, { timeout: 20_000 }).toBe(503);
    const down = await fetch(`http://localhost:${appPort}/api/health`);
    expect(await down.json()).toEqual({ status: "unavailable" });
    cluster = await startCluster(opts);
    await expect.poll(health, { timeout: 30_000 }).toBe(200);
  } finally {
    if (app?.pid) process.kill(-app.pid, "SIGTERM");
    await stopCluster(cluster);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
