import type { Command } from "commander";
import { UsageError, withDatabase } from "@/lib/cli/context";

export function registerSeed(program: Command) {
  program
    .command("seed")
    .description("load demo data (180 days of history) or the org-scale benchmark data set")
    .argument("<dataset>", "demo | large")
    .option("--seed <n>", "random seed (same seed, same data)")
    .option("--reset", "delete all existing data first")
    .action(async (dataset: string, opts: { seed?: string; reset?: boolean }) => {
      if (dataset !== "demo" && dataset !== "large")
        throw new UsageError(`dataset must be "demo" or "large"; got "${dataset}"`);
      const seed = opts.seed === undefined ? undefined : Number(opts.seed);
      if (seed !== undefined && !Number.isInteger(seed))
        throw new UsageError(`--seed must be an integer; got "${opts.seed}"`);
      await withDatabase(async () => {
        const { prisma } = await import("@/lib/core/db/client");
        const { isDatabaseEmpty, resetDatabase, runSeed } = await import("@/prisma/seed");
        if (opts.reset) await resetDatabase(prisma);
        else if (!(await isDatabaseEmpty(prisma))) {
          throw new UsageError("the database already holds data; add --reset to replace it (this deletes everything)");
        }
        const started = Date.now();
        const summary = await runSeed(prisma, dataset, { seed, log: (m) => process.stderr.write(`  seeding ${m}…\n`) });
        const parts = Object.entries(summary).map(([k, v]) => `${v.toLocaleString("en-US")} ${k}`);
        process.stdout.write(
          `seeded ${dataset} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${parts.join(", ")}\n`,
        );
      });
    });
}
