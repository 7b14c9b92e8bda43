import type { Command } from "commander";
import { ROLES, type Role, CLI_ACTOR } from "@/lib/core/auth/permissions";
import { UsageError, parseList, withDatabase } from "@/lib/cli/context";

export function registerUser(program: Command) {
  const user = program.command("user").description("manage users");
  user
    .command("create")
    .description("create or update a user (role, teams, password)")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--role <role>", ROLES.join("|"))
    .option("--team <slugs>", "team(s) the user belongs to, comma-separated")
    .option("--password <password>", "sets the password (at least 10 characters); SSO-only users need none")
    .option("--name <name>", "display name")
    .action(async (opts: { email: string; role: string; team?: string; password?: string; name?: string }) => {
      if (!(ROLES as readonly string[]).includes(opts.role))
        throw new UsageError(`--role must be one of ${ROLES.join(", ")}; got "${opts.role}"`);
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(opts.email))
        throw new UsageError(`--email must be an email address; got "${opts.email}"`);
      if (opts.password !== undefined && opts.password.length < 10)
        throw new UsageError("--password must be at least 10 characters");
      const result = await withDatabase(async () => {
        const { upsertUser } = await import("@/lib/access/server");
        return upsertUser(
          {
            email: opts.email,
            role: opts.role as Role,
            password: opts.password,
            name: opts.name,
            teamSlugs: opts.team ? parseList(opts.team) : [],
          },
          CLI_ACTOR,
        );
      });
      process.stdout.write(`${result.created ? "created" : "updated"} ${result.email} (${result.role})\n`);
    });
}
