import type { Command } from "commander";
import { CLI_ACTOR } from "@/lib/core/auth/permissions";
import { readTextFile, UsageError, withDatabase } from "@/lib/cli/context";
import { expectOk, remoteClient, remoteOption, textBody } from "@/lib/cli/remote";

export function registerTemplate(program: Command) {
  const template = program.command("template").description("checklist templates as code (YAML)");
  remoteOption(
    template
      .command("import")
      .description("import a YAML template: a new version when the content changed")
      .argument("<file>", "path to the YAML file"),
  ).action(async (file: string, opts: { url?: string }) => {
    const text = readTextFile(file);
    const client = remoteClient(opts.url);
    const result = client
      ? await expectOk(client.POST("/api/v1/templates", { body: text, ...textBody("application/yaml") }))
      : await withDatabase(async () => (await import("@/lib/readiness/server")).importTemplate(text, CLI_ACTOR));
    process.stdout.write(
      `${result.key}: ${result.action === "created" ? `version ${result.version} created` : `unchanged (version ${result.version})`}\n`,
    );
  });
  remoteOption(
    template
      .command("export")
      .description("print a template as YAML")
      .argument("<key>", "template key, e.g. production-readiness")
      .option("--version <n>", "a specific version (default: latest)"),
  ).action(async (key: string, opts: { version?: string; url?: string }) => {
    const version = opts.version === undefined ? undefined : Number(opts.version);
    if (version !== undefined && (!Number.isInteger(version) || version < 1))
      throw new UsageError(`--version must be a positive integer; got "${opts.version}"`);
    const client = remoteClient(opts.url);
    const yaml = client
      ? await expectOk(
          client.GET("/api/v1/templates/{key}", {
            params: { path: { key }, query: version ? { version } : {} },
            parseAs: "text",
          }),
        )
      : (
          await withDatabase(async () =>
            (await import("@/lib/readiness/server")).exportTemplateYaml(CLI_ACTOR, key, version),
          )
        ).yaml;
    process.stdout.write(yaml);
  });
}
