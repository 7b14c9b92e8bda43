import fs from "node:fs";
import type { Command } from "commander";
import { CLI_ACTOR } from "@/lib/core/auth/permissions";
import { UsageError, withDatabase } from "@/lib/cli/context";

export function registerCsvImport(program: Command) {
  program
    .command("import")
    .description("import historical deployments or incidents from CSV (all-or-nothing, with a row-level report)")
    .argument("<kind>", "deployments | incidents")
    .argument("<file>", "CSV file with a header row")
    .action(async (kind: string, file: string) => {
      if (kind !== "deployments" && kind !== "incidents")
        throw new UsageError(`kind must be "deployments" or "incidents"; got "${kind}"`);
      if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
      const text = fs.readFileSync(file, "utf8");
      const result = await withDatabase(async () =>
        (await import("@/lib/delivery/server")).importCsv(kind, text, CLI_ACTOR),
      );
      if (!result.ok) {
        process.stderr.write(`nothing imported: ${result.errors.length} problem(s)\n`);
        for (const e of result.errors.slice(0, 50)) process.stderr.write(`  line ${e.line}: ${e.message}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(
        `${kind}: ${result.created} created, ${kind === "incidents" ? `${result.updated} updated` : `${result.duplicates} already present`}\n`,
      );
    });
}
