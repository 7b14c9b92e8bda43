// A fresh, migrated database on the same test server, for tests that need an empty one.
import pg from "pg";
import { runPrisma } from "@/lib/core/db/migrate";
import { uniq } from "./factories";

export async function createScratchDatabase(
  opts: { migrate?: boolean; on?: string } = {},
): Promise<{ url: string; drop: () => Promise<void> }> {
  // On the server of `on` (a database URL), else of DATABASE_URL (the integration suite's).
  const base = new URL(opts.on ?? (process.env.DATABASE_URL as string));
  const name = uniq("scratch").replace(/-/g, "_");
  const adminUrl = new URL(base);
  adminUrl.pathname = "/postgres";
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl.toString() });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  if (opts.migrate !== false) await runPrisma(["migrate", "deploy"], url.toString(), { quiet: true });
  return { url: url.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}
