import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { createDatabase, startCluster, stopCluster } from "@/lib/core/db/embedded-postgres";
import { freePort } from "@/lib/core/runtime/app-server";
import { manifestOf } from "../support/backups";

// The demo database, backed up with `npm run cli -- backup` while the production server serves the
// rest of the suite from it, restored into a fresh cluster with `restore`: a backup of the restored
// database has the same tables, row counts and checksums as the original.

const exec = promisify(execFile);
const cli = (url: string, ...args: string[]) =>
  exec(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/index.ts", ...args], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" },
  });

test("the demo database round-trips through backup and restore while the app serves it", async () => {
  test.setTimeout(180_000);
  const source = process.env.E2E_DATABASE_URL as string;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-e2e-backup-"));
  const cluster = await startCluster({
    dataDir: path.join(work, "pg"),
    port: await freePort(),
    password: crypto.randomBytes(8).toString("hex"),
    fast: true,
  });
  try {
    const first = path.join(work, "demo.tar.gz");
    const taken = await cli(source, "backup", "--out", first);
    expect(taken.stdout).toMatch(/^backup written to /);
    const manifest = await manifestOf(first);
    const rows = (name: string) => manifest.tables.find((t) => t.name === name)?.rows ?? 0;
    for (const table of ["Team", "Service", "User", "Deployment", "Incident", "Slo", "ChecklistItem", "AuditLog"])
      expect(rows(table), `${table} has demo rows`).toBeGreaterThan(0);

    const target = await createDatabase(cluster, "restored");
    const restored = await cli(target, "restore", first);
    expect(restored.stdout).toMatch(/^restored \d+ tables, \d+ rows/);

    const second = path.join(work, "restored.tar.gz");
    await cli(target, "backup", "--out", second);
    const again = await manifestOf(second);
    expect(again.migrations).toEqual(manifest.migrations);
    expect(again.tables.map((t) => [t.name, t.rows, t.sha256])).toEqual(
      manifest.tables.map((t) => [t.name, t.rows, t.sha256]),
    );
  } finally {
    await stopCluster(cluster);
    fs.rmSync(work, { recursive: true, force: true });
  }
});
