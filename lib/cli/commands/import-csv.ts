import type { Command } from "commander";
import { CLI_ACTOR } from "@/lib/core/auth/permissions";
import { readTextFile, UsageError, withDatabase } from "@/lib/cli/context";
import { expectOk, RemoteError, remoteClient, remoteOption, textBody } from "@/lib/cli/remote";

type Problem = { line: number; message: string };

/** The remote import's 400 is the file's problems, by line: the same report as the local one. */
function problemsOf(error: RemoteError): Problem[] | null {
  const details = error.body?.error?.code === "validation_failed" ? (error.body.error.details ?? []) : [];
  const problems = details.flatMap((d) => {
    const line = /^line (\d+)$/.exec(d.path);
    return line ? [{ line: Number(line[1]), message: d.message }] : [];
  });
  return problems.length ? problems : null;
}

export function registerCsvImport(program: Command) {
  remoteOption(
    program
      .command("import")
      .description("import historical deployments or incidents from CSV (all-or-nothing, with a row-level report)")
      .argument("<kind>", "deployments | incidents")
      .argument("<file>", "CSV file with a header row"),
  ).action(async (kind: string, file: string, opts: { url?: string }) => {
    if (kind !== "deployments" && kind !== "incidents")
      throw new UsageError(`kind must be "deployments" or "incidents"; got "${kind}"`);
    const text = readTextFile(file);
    const client = remoteClient(opts.url);
    const result = client
      ? await expectOk(client.POST(`/api/v1/${kind}/import`, { body: text, ...textBody("text/csv") })).then(
          (r) => r,
          (error: unknown) => {
            const errors = error instanceof RemoteError ? problemsOf(error) : null;
            if (!errors) throw error;
            return { ok: false as const, errors };
          },
        )
      : await withDatabase(async () => (await import("@/lib/delivery/server")).importCsv(kind, text, CLI_ACTOR));
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
