// Applies committed migrations with `prisma migrate deploy` when the database lacks any of them.
// Checking first keeps warm starts fast: the Prisma CLI costs ~3 s even with nothing to do.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");

export function committedMigrations(): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export async function pendingMigrations(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const table = await client.query(`select to_regclass('public._prisma_migrations') as t`);
    if (!table.rows[0]?.t) return committedMigrations();
    const applied = await client.query<{ migration_name: string }>(
      `select migration_name from _prisma_migrations where finished_at is not null and rolled_back_at is null`,
    );
    const done = new Set(applied.rows.map((r) => r.migration_name));
    return committedMigrations().filter((m) => !done.has(m));
  } finally {
    await client.end();
  }
}

export function runPrisma(args: string[], url: string, opts: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const bin = path.resolve(process.cwd(), "node_modules", "prisma", "build", "index.js");
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, DATABASE_URL: url, DIRECT_DATABASE_URL: url },
      stdio: opts.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma ${args.join(" ")} failed (exit ${code})\n${output}`)),
    );
  });
}

/** Returns the migrations it applied (empty when the database was up to date). */
export async function migrateIfNeeded(url: string, opts: { quiet?: boolean } = {}): Promise<string[]> {
  const pending = await pendingMigrations(url);
  if (pending.length > 0) await runPrisma(["migrate", "deploy"], url, opts);
  return pending;
}
