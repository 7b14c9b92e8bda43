// `npm run cli -- <command>`: Shipshape's command-line interface. Exit codes: 0 ok, 1 failure
// (or a gate that does not pass), 2 bad arguments or an error.
import { Command, CommanderError } from "commander";
import { isAppError } from "@/lib/core/errors";
import { UsageError } from "./context";
import { registerBackup } from "@/lib/cli/commands/backup";
import { registerCatalog } from "@/lib/cli/commands/catalog";
import { registerCsvImport } from "@/lib/cli/commands/import-csv";
import { registerReport } from "@/lib/cli/commands/report";
import { registerScorecard } from "@/lib/cli/commands/scorecard";
import { registerSeed } from "@/lib/cli/commands/seed";
import { registerSlo } from "@/lib/cli/commands/slo";
import { registerTemplate } from "@/lib/cli/commands/template";
import { registerToken } from "@/lib/cli/commands/token";
import { registerUser } from "@/lib/cli/commands/user";

const program = new Command()
  .name("shipshape")
  .description(
    "Shipshape command-line interface. Uses DATABASE_URL, or the embedded database in .data/postgres; the commands with --url talk to a remote Shipshape over its API instead (SHIPSHAPE_URL, SHIPSHAPE_TOKEN).",
  )
  .showHelpAfterError("(run with --help for usage)")
  .exitOverride();

registerToken(program);
registerUser(program);
registerSeed(program);
registerCatalog(program);
registerTemplate(program);
registerCsvImport(program);
registerSlo(program);
registerScorecard(program);
registerReport(program);
registerBackup(program);

for (const cmd of [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)]) cmd.exitOverride();

try {
  await program.parseAsync(process.argv);
  process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  if (
    error instanceof UsageError ||
    (isAppError(error) && ["validation_failed", "not_found", "conflict"].includes(error.code))
  ) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
