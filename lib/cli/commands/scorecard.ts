import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { CLI_ACTOR } from "@/lib/core/auth/permissions";
import { readTextFile, UsageError, withDatabase } from "@/lib/cli/context";
import { expectOk, RemoteError, remoteClient, remoteOption, textBody, type ApiClient } from "@/lib/cli/remote";

const GATE_LEVELS = ["bronze", "silver", "gold"] as const;

type GateLevel = (typeof GATE_LEVELS)[number];

/** The gate over the API: 200 passes, 412 fails with the failing rules, anything else is an error. */
async function remoteGate(client: ApiClient, service: string, level: GateLevel, scorecard?: string) {
  const { data, error, response } = await client.GET("/api/v1/services/{slug}/gate", {
    params: { path: { slug: service }, query: { level, ...(scorecard ? { scorecard } : {}) } },
  });
  if (data) return data;
  if (response.status === 412 && error && "pass" in error) return error;
  throw new RemoteError(response.status, error as ConstructorParameters<typeof RemoteError>[1]);
}

async function scorecardFiles(dir: string) {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`no such folder: ${dir}`);
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
    .map((f) => ({ name: f, text: fs.readFileSync(path.join(dir, f), "utf8") }));
  if (files.length === 0) throw new UsageError(`no .yaml files in ${dir}`);
  return files;
}

export function registerScorecard(program: Command) {
  remoteOption(
    program
      .command("gate")
      .description(
        "deploy gate: exit 0 when the service meets the level, 1 when not (failing rules printed), 2 on error",
      )
      .argument("<service>", "service slug")
      .option("--level <level>", "bronze, silver or gold", "silver")
      .option("--scorecard <key>", "the scorecard that judges (default: the default scorecard)"),
  ).action(async (service: string, opts: { level: string; scorecard?: string; url?: string }) => {
    const level = GATE_LEVELS.find((l) => l === opts.level);
    if (!level) throw new UsageError(`--level must be bronze, silver or gold (got "${opts.level}")`);
    const client = remoteClient(opts.url);
    const gate = client
      ? await remoteGate(client, service, level, opts.scorecard)
      : await withDatabase(async () => {
          // Imported once DATABASE_URL is set (lib/core/db/client reads it when first loaded).
          const { gateOf, getServiceScorecard } = await import("@/lib/scorecards/server");
          const scorecard = await getServiceScorecard(CLI_ACTOR, service, new Date(), opts.scorecard);
          if (!scorecard) throw new UsageError(`no service with the slug "${service}"`);
          return gateOf(scorecard, level);
        });
    if (gate.pass) {
      process.stdout.write(
        gate.inScope
          ? `pass: ${service} is ${gate.level} (needs ${level})\n`
          : `pass: ${service} is outside the scope of the scorecard ${gate.scorecard}\n`,
      );
      return;
    }
    const has = gate.level === "none" ? "below bronze" : gate.level;
    process.stdout.write(`fail: ${service} is ${has}, needs ${level}. Failing rules:\n`);
    for (const f of gate.failing ?? []) process.stdout.write(`  - ${f.rule}: ${f.message}\n`);
    process.exitCode = 1;
  });

  program
    .command("snapshot")
    .description(
      "take today's scorecard, DORA and SLO snapshot of every service and team now (idempotent: a day keeps its first snapshot)",
    )
    .action(async () => {
      const run = await withDatabase(async () => (await import("@/lib/scorecards/server")).takeSnapshots());
      const kept = run.services - run.created.services;
      process.stdout.write(
        `snapshot ${run.day}: ${run.created.services} service and ${run.created.teams} team snapshots written` +
          (kept ? `, ${kept} services already had today's` : "") +
          ` (${(run.ms / 1000).toFixed(1)} s)\n`,
      );
    });

  program
    .command("digest")
    .description(
      "the weekly digest per team (failing rules, next levels, changes since last week, expiring waivers and exemptions): sends this week's where not yet sent, or --dry-run prints it",
    )
    .option("--team <slug>", "one team only")
    .option("--dry-run", "print the digests and send nothing")
    .action(async (opts: { team?: string; dryRun?: boolean }) => {
      const run = await withDatabase(async () =>
        (await import("@/lib/notifications/server")).sendWeeklyDigests(new Date(), undefined, opts),
      );
      if (opts.team && run.teams.length === 0) throw new UsageError(`no team "${opts.team}" with active services`);
      for (const t of run.teams) {
        process.stdout.write(`${t.digest.text}\n`);
        if (!opts.dryRun)
          process.stdout.write(
            t.alreadySent ? `(already sent for the week of ${run.week})\n\n` : `(queued to ${t.queued} webhook(s))\n\n`,
          );
        else process.stdout.write("\n");
      }
    });

  const scorecard = program.command("scorecard").description("scorecards as code");
  remoteOption(
    scorecard
      .command("import")
      .description("create or replace a scorecard from YAML (its rules become exactly the file's)")
      .argument("<file>", "path to the YAML file"),
  ).action(async (file: string, opts: { url?: string }) => {
    const text = readTextFile(file);
    const client = remoteClient(opts.url);
    const result = client
      ? await expectOk(client.POST("/api/v1/scorecards", { body: text, ...textBody("application/yaml") }))
      : await withDatabase(async () => (await import("@/lib/scorecards/server")).importScorecard(text, CLI_ACTOR));
    process.stdout.write(`${result.action} ${result.key} (${result.rules} rules)\n`);
  });
  remoteOption(
    scorecard
      .command("apply")
      .description(
        "make the scorecards match a folder of YAML files (one scorecard each), all or nothing; --dry-run prints the plan only",
      )
      .argument("<dir>", "folder of .yaml / .yml files")
      .option("--dry-run", "print the plan and change nothing")
      .option("--prune", "delete the scorecards that have no file in the folder (never the default one)"),
  ).action(async (dir: string, opts: { dryRun?: boolean; prune?: boolean; url?: string }) => {
    const files = await scorecardFiles(dir);
    const client = remoteClient(opts.url);
    const plan = { dryRun: opts.dryRun, prune: opts.prune };
    const result = client
      ? await expectOk(client.POST("/api/v1/scorecards/apply", { body: { files, ...plan } }))
      : await withDatabase(async () =>
          (await import("@/lib/scorecards/server")).applyScorecards(files, CLI_ACTOR, plan),
        );
    const sign = { create: "+", update: "~", unchanged: "=", delete: "-", keep: "!" } as const;
    for (const step of result.steps) {
      const detail =
        step.action === "create" || step.action === "delete"
          ? ` (${step.rules} rules)`
          : step.action === "update"
            ? `: ${step.changes.join("; ")}`
            : step.action === "keep"
              ? `: ${step.reason}`
              : "";
      process.stdout.write(`${sign[step.action]} ${step.action} ${step.key}${detail}\n`);
    }
    const count = (a: string) => result.steps.filter((s) => s.action === a).length;
    process.stdout.write(
      `${result.dryRun ? "Plan" : "Applied"}: ${count("create")} to create, ${count("update")} to update, ${count("delete")} to delete, ${count("unchanged")} unchanged${result.dryRun ? " (dry run: nothing changed)" : ""}.\n`,
    );
  });
  remoteOption(
    scorecard
      .command("export")
      .description("print a scorecard as YAML")
      .argument("<key>", "scorecard key, e.g. production-readiness"),
  ).action(async (key: string, opts: { url?: string }) => {
    const client = remoteClient(opts.url);
    const text = client
      ? await expectOk(client.GET("/api/v1/scorecards/{key}/export", { params: { path: { key } }, parseAs: "text" }))
      : await withDatabase(async () => (await import("@/lib/scorecards/server")).exportScorecardYaml(CLI_ACTOR, key));
    process.stdout.write(text);
  });
}
