import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { connectionString, runningServer, startCluster, stopCluster } from "@/lib/core/db/embedded-postgres";
import { freePort } from "../support/test-database";

const isRoot = process.getuid?.() === 0;
const created: string[] = [];

afterAll(() => {
  for (const dir of created) {
    const link = path.join(dir, "checkout", ".data", "postgres");
    if (fs.existsSync(link) && fs.lstatSync(link).isSymbolicLink())
      fs.rmSync(fs.realpathSync(link), { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe("embedded PostgreSQL", () => {
  it("runs from a checkout under a chmod-700 folder, keeps data across restarts, and leaves no process behind", async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-700-"));
    created.push(parent);
    fs.chmodSync(parent, 0o700);
    const dataDir = path.join(parent, "checkout", ".data", "postgres");
    const password = "pw-for-test";
    const port = await freePort();

    const first = await startCluster({ dataDir, port, password, fast: true });
    const client = new pg.Client({ connectionString: connectionString(port, password, "postgres") });
    await client.connect();
    await client.query("create table kept (v text); insert into kept values ('survives restart')");
    await client.end();
    const pid = runningServer(dataDir)?.pid;
    expect(pid).toBeTypeOf("number");
    await stopCluster(first);
    expect(runningServer(dataDir)).toBeNull();
    expect(() => process.kill(pid as number, 0)).toThrow();

    const second = await startCluster({ dataDir, port, password, fast: true });
    const again = new pg.Client({ connectionString: connectionString(port, password, "postgres") });
    await again.connect();
    const { rows } = await again.query("select v from kept");
    await again.end();
    await stopCluster(second);
    expect(rows).toEqual([{ v: "survives restart" }]);
    if (isRoot) expect(fs.lstatSync(dataDir).isSymbolicLink()).toBe(true); // postgres cannot traverse the 700 folder
  });

  it("attaches to a server already running for the same data dir instead of starting another", async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-attach-"));
    created.push(parent);
    const dataDir = path.join(parent, "checkout", ".data", "postgres");
    const port = await freePort();
    const owner = await startCluster({ dataDir, port, password: "pw", fast: true });
    const guest = await startCluster({ dataDir, port: await freePort(), password: "pw", fast: true });
    expect(guest.process).toBeNull();
    expect(guest.port).toBe(port);
    await stopCluster(guest); // a no-op: the guest does not own the server
    expect(runningServer(dataDir)).not.toBeNull();
    await stopCluster(owner);
    expect(runningServer(dataDir)).toBeNull();
  });
});
