import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { committedMigrations, pendingMigrations } from "@/lib/core/db/migrate";
import { createScratchDatabase } from "../support/scratch-database";

const exec = promisify(execFile);
const prismaCli = path.resolve("node_modules/prisma/build/index.js");
const wasmEngine = path.resolve("prisma/schema-engine-wasm.mjs");

describe("migrations, through the project's wasm schema engine", () => {
  let scratch: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    // An empty database, migrated here by the test itself with the engine forced to our stand-in.
    scratch = await createScratchDatabase({ migrate: false });
    await exec(process.execPath, [prismaCli, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: scratch.url, PRISMA_SCHEMA_ENGINE_BINARY: wasmEngine },
    });
  });
  afterAll(() => scratch?.drop());

  it("apply every committed migration to an empty database", async () => {
    expect(committedMigrations().length).toBeGreaterThan(0);
    expect(await pendingMigrations(scratch.url)).toEqual([]);
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
    );
    await client.end();
    expect(rows[0].n).toBeGreaterThan(25);
  });

  it("leave no difference between schema.prisma and the migrations (migrate diff --exit-code)", async () => {
    const result = await exec(
      process.execPath,
      [
        prismaCli,
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema",
        "prisma/schema.prisma",
        "--exit-code",
      ],
      { env: { ...process.env, DATABASE_URL: scratch.url, PRISMA_SCHEMA_ENGINE_BINARY: wasmEngine } },
    ).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
    expect(result.out).toContain("No difference detected");
    expect(result.code).toBe(0);
  });

  it("store every timestamp as timestamptz", async () => {
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const { rows } = await client.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns
       where table_schema = 'public' and data_type = 'timestamp without time zone'`,
    );
    await client.end();
    expect(rows).toEqual([]);
  });
});
