import type { Command } from "commander";
import { CLI_ACTOR } from "@/lib/core/auth/permissions";
import { readTextFile, withDatabase } from "@/lib/cli/context";
import { expectOk, remoteClient, remoteOption, textBody } from "@/lib/cli/remote";

export function registerCatalog(program: Command) {
  const catalog = program.command("catalog").description("manage the service catalog");
  remoteOption(
    catalog
      .command("import")
      .description(
        "import a Backstage catalog-info.yaml (several documents allowed): Groups become teams, Components services",
      )
      .argument("<file>", "path to the YAML file"),
  ).action(async (file: string, opts: { url?: string }) => {
    const text = readTextFile(file);
    const client = remoteClient(opts.url);
    const result = client
      ? await expectOk(client.POST("/api/v1/catalog/import", { body: text, ...textBody("application/yaml") }))
      : await withDatabase(async () => (await import("@/lib/catalog/server")).importBackstageCatalog(text, CLI_ACTOR));
    process.stdout.write(
      `created ${result.created}, updated ${result.updated}, skipped ${result.skipped}, errors ${result.errors.length}\n`,
    );
    for (const e of result.errors) process.stdout.write(`  document ${e.index}: ${e.message}\n`);
    if (result.errors.length) process.exitCode = 1;
  });
}
