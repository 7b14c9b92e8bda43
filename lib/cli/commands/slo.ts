import type { Command } from "commander";
import { CLI_ACTOR } from "@/lib/core/auth/permissions";
import { readTextFile, withDatabase } from "@/lib/cli/context";
import { expectOk, remoteClient, remoteOption, textBody } from "@/lib/cli/remote";

export function registerSlo(program: Command) {
  const slo = program.command("slo").description("service level objectives");
  remoteOption(
    slo
      .command("import")
      .description(
        "import OpenSLO (kind: SLO) or Sloth (version: prometheus/v1) YAML; creates or updates SLOs by service and name",
      )
      .argument("<file>", "path to the YAML file"),
  ).action(async (file: string, opts: { url?: string }) => {
    const text = readTextFile(file);
    const client = remoteClient(opts.url);
    const result = client
      ? await expectOk(client.POST("/api/v1/slos/import", { body: text, ...textBody("application/yaml") }))
      : await withDatabase(async () => (await import("@/lib/slo/server")).importSloYaml(text, CLI_ACTOR));
    process.stdout.write(
      `created ${result.created}, updated ${result.updated}, unchanged ${result.skipped}, errors ${result.errors.length}\n`,
    );
    for (const e of result.errors) process.stdout.write(`  document ${e.index}: ${e.message}\n`);
    if (result.errors.length) process.exitCode = 1;
  });
}
