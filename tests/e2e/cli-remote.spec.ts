// The CLI as a CI runner uses it: no database in reach (DATABASE_URL points nowhere), only the
// production server's API with --url and SHIPSHAPE_TOKEN. Scorecards as code, the gate on a
// custom fact, and a CSV import, with the answers a pipeline branches on.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, makeTeam, makeToken, test } from "./fixtures";
import { makeService, uniq } from "../support/factories";

const exec = promisify(execFile);
const NO_DATABASE = "postgresql://nobody:nothing@127.0.0.1:1/unreachable";

async function cli(env: Record<string, string | undefined>, ...args: string[]) {
  try {
    const r = await exec(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "lib/cli/index.ts", ...args],
      {
        env: { ...process.env, LOG_LEVEL: "silent", DATABASE_URL: NO_DATABASE, SHIPSHAPE_URL: undefined, ...env },
      },
    );
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

test.describe("the CLI against a remote Shipshape (--url, SHIPSHAPE_TOKEN)", () => {
  test("applies scorecards from a folder, gates on a fact from CI, and imports CSV, without the database", async ({
    db,
    baseURL,
    request,
  }) => {
    test.slow();
    const team = await makeTeam(db);
    const svc = await makeService(db, team.id);
    const token = await makeToken(db, ["admin", "read", "ingest"]);
    const env = { SHIPSHAPE_TOKEN: token };
    const key = uniq("ci-card");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorecards-"));
    fs.writeFileSync(
      path.join(dir, `${key}.yaml`),
      `key: ${key}\nname: CI coverage\nscope:\n  teams: [${team.slug}]\nrules:\n  - key: coverage-80\n    name: Line coverage at least 80%\n    level: bronze\n    check:\n      type: expression\n      expression: facts.coverage.line >= 80\n`,
    );

    // The default scorecard must have a file in the folder: exported over the API.
    const exported = await cli(env, "scorecard", "export", "production-readiness", "--url", baseURL!);
    expect(exported.stdout).toMatch(/^key: production-readiness$/m);
    fs.writeFileSync(path.join(dir, "production-readiness.yaml"), exported.stdout);
    const plan = await cli(env, "scorecard", "apply", dir, "--dry-run", "--url", baseURL!);
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toContain(`+ create ${key} (1 rules)`);
    expect(plan.stdout).toContain("(dry run: nothing changed)");
    expect(await db.scorecard.count({ where: { key } })).toBe(0);

    // Applied one file at a time (other specs edit the default scorecard meanwhile; a whole-folder
    // apply would race them). SHIPSHAPE_URL works like --url.
    const file = path.join(dir, `${key}.yaml`);
    const created = await cli({ ...env, SHIPSHAPE_URL: baseURL }, "scorecard", "import", file);
    expect(created.stdout).toBe(`created ${key} (1 rules)\n`);
    expect((await cli(env, "scorecard", "import", file, "--url", baseURL!)).stdout).toBe(
      `unchanged ${key} (1 rules)\n`,
    );
    expect((await cli(env, "scorecard", "apply", dir, "--dry-run", "--url", baseURL!)).stdout).toContain(
      `= unchanged ${key}`,
    );

    const failing = await cli(env, "gate", svc.slug, "--level", "bronze", "--scorecard", key, "--url", baseURL!);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(
      /^fail: \S+ is below bronze, needs bronze\. Failing rules:\n {2}- coverage-80: .*no fact `coverage`$/m,
    );

    const put = await request.put(`/api/v1/services/${svc.slug}/facts/coverage`, {
      headers: { authorization: `Bearer ${token}` },
      data: { line: 86.5 },
    });
    expect(put.status()).toBe(201);
    const passing = await cli(env, "gate", svc.slug, "--level", "bronze", "--scorecard", key, "--url", baseURL!);
    expect(passing).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^pass: ${svc.slug} is \\w+`)) });

    const unknown = await cli(env, "gate", "no-such-service", "--url", baseURL!);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/error: .*no-such-service.*\(HTTP 404, not_found\)/);

    const csv = path.join(dir, "deployments.csv");
    const id = uniq("dep");
    const finishedAt = new Date().toISOString();
    fs.writeFileSync(
      csv,
      `externalId,service,environment,status,finishedAt\n${id},${svc.slug},production,success,${finishedAt}\n`,
    );
    expect((await cli(env, "import", "deployments", csv, "--url", baseURL!)).stdout).toBe(
      "deployments: 1 created, 0 already present\n",
    );
    expect(await db.deployment.count({ where: { externalId: id } })).toBe(1);
    const bad = uniq("dep");
    fs.writeFileSync(
      csv,
      `externalId,service,environment,status,finishedAt\n${bad},${svc.slug},production,success,yesterday\n`,
    );
    const refused = await cli(env, "import", "deployments", csv, "--url", baseURL!);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/nothing imported: 1 problem\(s\)\n  line 2: .*finishedAt/);
    expect(await db.deployment.count({ where: { externalId: bad } })).toBe(0);
  });

  test("refuses clearly: a token without the right, no token, a server out of reach", async ({ db, baseURL }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorecards-"));
    fs.writeFileSync(path.join(dir, "card.yaml"), `key: ${uniq("ro")}\nname: Read only\nrules: []\n`);
    const reader = await makeToken(db, ["read"]);
    const forbidden = await cli({ SHIPSHAPE_TOKEN: reader }, "scorecard", "apply", dir, "--url", baseURL!);
    expect(forbidden.code).toBe(2);
    expect(forbidden.stderr).toMatch(/\(HTTP 403, forbidden\)/);

    const noToken = await cli({ SHIPSHAPE_TOKEN: undefined }, "gate", "payments-api", "--url", baseURL!);
    expect(noToken).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("SHIPSHAPE_TOKEN must hold an API token"),
    });

    const away = await cli({ SHIPSHAPE_TOKEN: reader }, "gate", "payments-api", "--url", "http://127.0.0.1:9");
    expect(away).toMatchObject({ code: 2, stderr: expect.stringContaining("cannot reach http://127.0.0.1:9") });
  });
});
