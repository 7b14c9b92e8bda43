import fs from "node:fs";
import type { Command } from "commander";
import { CLI_ACTOR } from "@/lib/core/auth/permissions";
import { UsageError, withDatabase } from "@/lib/cli/context";

export function registerCatalog(program: Command) {
  const catalog = program.command("catalog").description("manage the service catalog");
  catalog
    .command("import")
    .description(
      "import a Backstage catalog-info.yaml (several documents allowed): Groups become teams, Components services",
    )
    .argument("<file>", "path to the YAML file")
    .action(async (file: string) => {
      if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
      const text = fs.readFileSync(file, "utf8");
      const result = await withDatabase(async () => {
        const { importBackstageCatalog } = await import("@/lib/catalog/server");
        return importBackstageCatalog(text, CLI_ACTOR);
      });
      process.stdout.write(
        `created ${result.created}, updated ${result.updated}, skipped ${result.skipped}, errors ${result.errors.length}\n`,
      );
      for (const e of result.errors) process.stdout.write(`  document ${e.index}: ${e.message}\n`);
      if (result.errors.length) process.exitCode = 1;
    });
}
