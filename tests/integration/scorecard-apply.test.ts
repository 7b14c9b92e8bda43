// Config as code: `npm run cli -- scorecard apply DIR` makes the scorecards match a folder of YAML
// files, all or nothing, with `--dry-run` printing the plan. Run as a user runs it, on a database
// of its own (it compares every scorecard there).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { createScratchDatabase } from "../support/scratch-database";

const exec = promisify(execFile);
let scratch: { url: string; drop: () => Promise<void> };
let db: PrismaClient;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorecards-"));

beforeAll(async () => {
  scratch = await createScratchDatabase();
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: scratch.url, max: 2 }) });
}, 120_000);

afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function apply(...args: string[]) {
  try {
    const r = await exec(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "lib/cli/index.ts", "scorecard", "apply", dir, ...args],
      { env: { ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: "silent" } },
    );
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}

const SEED = fs.readFileSync("prisma/seed/scorecards/production-readiness.yaml", "utf8");
const security = (extra = "") => `key: security-baseline
name: Security baseline
scope:
  tiers: [1, 2]
rules:
  - key: no-critical-vulns
    name: No critical vulnerabilities
    level: bronze
    check: { type: expression, expression: "facts.?vulns.critical.orValue(1) == 0" }
${extra}`;

describe("scorecard apply", () => {
  it("plans, applies, is idempotent, reports changes, keeps or prunes what is missing, and refuses bad folders whole", async () => {
    fs.writeFileSync(path.join(dir, "production-readiness.yaml"), SEED);
    fs.writeFileSync(path.join(dir, "security-baseline.yml"), security());

    const plan = await apply("--dry-run");
    expect(plan.code).toBe(0);
    // The shipped default is seeded when the CLI first opens the database: the same as its file.
    expect(plan.out).toContain("= unchanged production-readiness");
    expect(plan.out).toContain("+ create security-baseline (1 rules)");
    expect(plan.out).toContain("Plan: 1 to create, 0 to update, 0 to delete, 1 unchanged (dry run: nothing changed).");
    expect(await db.scorecard.findMany({ select: { key: true } })).toEqual([{ key: "production-readiness" }]);

    const first = await apply();
    expect(first.out).toContain("Applied: 1 to create, 0 to update, 0 to delete, 1 unchanged.");
    expect(await db.scorecard.findMany({ select: { key: true, isDefault: true }, orderBy: { key: "asc" } })).toEqual([
      { key: "production-readiness", isDefault: true },
      { key: "security-baseline", isDefault: false },
    ]);
    const audits = await db.auditLog.count({ where: { entityType: "scorecard" } });

    // Again: nothing to do, nothing written.
    const again = await apply();
    expect(again.out).toContain("Applied: 0 to create, 0 to update, 0 to delete, 2 unchanged.");
    expect(await db.auditLog.count({ where: { entityType: "scorecard" } })).toBe(audits);

    // A changed file: the plan names what changes.
    fs.writeFileSync(
      path.join(dir, "security-baseline.yml"),
      security(`  - key: sbom
    name: SBOM published
    level: silver
    check: { type: expression, expression: "has(facts.sbom)" }
`).replace("tiers: [1, 2]", "tiers: [1]"),
    );
    const change = await apply("--dry-run");
    expect(change.out).toContain("~ update security-baseline: rules +sbom; scope");
    await apply();
    expect(await db.scorecardRule.count({ where: { scorecard: { key: "security-baseline" } } })).toBe(2);

    // A file removed: kept unless --prune.
    fs.rmSync(path.join(dir, "security-baseline.yml"));
    expect((await apply()).out).toContain("! keep security-baseline: not in the folder (--prune deletes it)");
    expect(await db.scorecard.count()).toBe(2);
    expect((await apply("--prune")).out).toContain("- delete security-baseline (2 rules)");
    expect(await db.scorecard.count()).toBe(1);

    // The default scorecard cannot be left out; an invalid file refuses the whole folder.
    fs.renameSync(path.join(dir, "production-readiness.yaml"), path.join(dir, "readme.txt"));
    fs.writeFileSync(path.join(dir, "other.yaml"), security());
    const noDefault = await apply();
    expect(noDefault.code).toBe(2);
    expect(noDefault.err).toMatch(/default scorecard "production-readiness" is not in the folder/);
    fs.renameSync(path.join(dir, "readme.txt"), path.join(dir, "production-readiness.yaml"));
    fs.writeFileSync(path.join(dir, "broken.yaml"), "key: broken\nname: Broken\nrules: []\n");
    const broken = await apply();
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/broken\.yaml/);
    expect(await db.scorecard.count()).toBe(1);
  }, 180_000);
});
