import type { Command } from "commander";
import { SCOPES, type Scope, CLI_ACTOR } from "@/lib/core/auth/permissions";
import { UsageError, parseList, withDatabase } from "@/lib/cli/context";

export function registerToken(program: Command) {
  const token = program.command("token").description("manage API tokens");
  token
    .command("create")
    .description("create an API token and print it (only the token, on stdout; it is shown once)")
    .requiredOption("--name <name>", "what the token is for, e.g. github-actions")
    .requiredOption("--scopes <list>", `comma-separated: ${SCOPES.join(",")}`)
    .option("--team <slug>", "bind the token to one team: it can then write only that team's services")
    .action(async (opts: { name: string; scopes: string; team?: string }) => {
      const scopes = parseList(opts.scopes);
      const bad = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
      if (scopes.length === 0 || bad.length)
        throw new UsageError(`--scopes must list ${SCOPES.join(", ")}; got "${opts.scopes}"`);
      if (!opts.name.trim()) throw new UsageError("--name must not be empty");
      const created = await withDatabase(async () => {
        const { createApiToken } = await import("@/lib/access/server");
        return createApiToken(
          { name: opts.name.trim(), scopes: scopes as Scope[], teamSlug: opts.team ?? null },
          CLI_ACTOR,
        );
      });
      process.stdout.write(`${created.token}\n`);
    });
}
