import fs from "node:fs";
import type { Command } from "commander";
import { CLI_ACTOR } from "@/lib/core/auth/permissions";
import { UsageError, withDatabase } from "@/lib/cli/context";

export function registerTemplate(program: Command) {
  const template = program.command("template").description("checklist templates as code (YAML)");
  template
    .command("import")
    .description("import a YAML template: a new version when the content changed")
    .argument("<file>", "path to the YAML file")
    .action(async (file: string) => {
      if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
      const text = fs.readFileSync(file, "utf8");
      const result = await withDatabase(async () =>
        (await import("@/lib/readiness/server")).importTemplate(text, CLI_ACTOR),
      );
      process.stdout.write(
        `${result.key}: ${result.action === "created" ? `version ${result.version} created` : `unchanged (version ${result.version})`}\n`,
      );
    });
  template
    .command("export")
    .description("print a template as YAML")
    .argument("<key>", "template key, e.g. production-readiness")
    .option("--version <n>", "a specific version (default: latest)")
    .action(async (key: string, opts: { version?: string }) => {
      const version = opts.version === undefined ? undefined : Number(opts.version);
      if (version !== undefined && (!Number.isInteger(version) || version < 1))
        throw new UsageError(`--version must be a positive integer; got "${opts.version}"`);
      const { yaml } = await withDatabase(async () =>
        (await import("@/lib/readiness/server")).exportTemplateYaml(CLI_ACTOR, key, version),
      );
      process.stdout.write(yaml);
    });
}
