import type { Command } from "commander";
import { releaseOnInterrupt, UsageError } from "@/lib/cli/context";
import { backupDatabase, RestoreError, restoreDatabase } from "@/lib/core/db/backup";
import { openDatabase } from "@/lib/core/db/local-database";

// Neither command migrates or seeds first (unlike the others): a backup reads the database as it
// is, while the app keeps serving; a restore needs an empty one.
async function onDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const db = await openDatabase();
  releaseOnInterrupt(db.release);
  try {
    return await run(db.url);
  } finally {
    await db.release();
  }
}

export function registerBackup(program: Command) {
  program
    .command("backup")
    .description("write a consistent backup of every table (taken while the app serves) to a .tar.gz file")
    .requiredOption("--out <file>", "where to write the backup, e.g. shipshape-2026-12-02.tar.gz")
    .action(async (opts: { out: string }) => {
      const manifest = await onDatabase((url) => backupDatabase(url, opts.out));
      const rows = manifest.tables.reduce((s, t) => s + t.rows, 0);
      process.stdout.write(
        `backup written to ${opts.out}: ${manifest.tables.length} tables, ${rows} rows, ${manifest.migrations.length} migrations (PostgreSQL ${manifest.serverVersion})\n`,
      );
    });
  program
    .command("restore")
    .description("restore a backup into an empty database (DATABASE_URL, or the embedded one)")
    .argument("<file>", "a file written by `backup`")
    .action(async (file: string) => {
      try {
        const result = await onDatabase((url) => restoreDatabase(url, file));
        process.stdout.write(`restored ${result.tables} tables, ${result.rows} rows from ${file}\n`);
      } catch (error) {
        if (error instanceof RestoreError) throw new UsageError(error.message);
        throw error;
      }
    });
}
