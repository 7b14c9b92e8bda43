// Every CLI command runs against the same database as the app (CONTRACT §7): it attaches to the
// embedded server when the app is up, or starts it and stops it afterwards. (The commands that can
// also talk to a remote Shipshape over its API say so with --url: ./remote.ts.)
import fs from "node:fs";
import { openDatabase } from "@/lib/core/db/local-database";
import { migrateIfNeeded } from "@/lib/core/db/migrate";

export class UsageError extends Error {}

/** Stops the embedded server this process started when the user interrupts (Ctrl-C) or it is terminated. */
export function releaseOnInterrupt(release: () => Promise<void>): void {
  const stop = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: stopping…\n`);
    void release().finally(() => process.exit(130));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

export async function withDatabase<T>(run: () => Promise<T>): Promise<T> {
  const db = await openDatabase();
  releaseOnInterrupt(db.release);
  process.env.DATABASE_URL = db.url;
  try {
    await migrateIfNeeded(db.url, { quiet: true });
    const { ensureBuiltInTemplates } = await import("@/lib/readiness/server");
    await ensureBuiltInTemplates();
    const { ensureBuiltInScorecards } = await import("@/lib/scorecards/server");
    await ensureBuiltInScorecards();
    return await run();
  } finally {
    // Imported lazily: lib/core/db/client reads DATABASE_URL when first loaded, which must be after it is set.
    const { disconnectDatabase } = await import("@/lib/core/db/client");
    await disconnectDatabase();
    await db.release();
  }
}

export function parseList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A file's text, or a usage error naming the missing file. */
export function readTextFile(file: string): string {
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
  return fs.readFileSync(file, "utf8");
}
