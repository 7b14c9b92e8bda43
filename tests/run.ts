// `npm test`: typecheck, lint (with the boundary rules), format check, unit, integration (real PostgreSQL) and e2e (Playwright + Chromium
// against the production build), in that order. Every step runs even after a failure; the last
// line is `N passed, N failed`, summed over all runners, and the exit code is non-zero on any failure.
//   tsx tests/run.ts [all|integration|e2e] [extra runner arguments, e.g. a file filter]
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { buildIsCurrent, writeBuildStamp } from "@/lib/core/runtime/build-stamp";
import { runSeed } from "@/prisma/seed";
import { buildOpenApiDocument } from "@/lib/core/api/openapi";
import { freePort, startTestServer, type TestServer } from "./support/test-database";

type StepResult = { name: string; passed: number; failed: number; seconds: number; note?: string };

const RESULTS_DIR = path.resolve("test-results");
const passThrough = process.argv.slice(3);
const bin = {
  tsc: "node_modules/typescript/bin/tsc",
  eslint: "node_modules/eslint/bin/eslint.js",
  prettier: "node_modules/prettier/bin/prettier.cjs",
  vitest: "node_modules/vitest/vitest.mjs",
  next: "node_modules/next/dist/bin/next",
  playwright: "node_modules/@playwright/test/cli.js",
  redocly: "node_modules/@redocly/cli/bin/cli.js",
};

type Env = Record<string, string | undefined>;

function run(script: string, args: string[], env: Env = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: "inherit", env: { ...process.env, ...env } });
    const forward = (s: NodeJS.Signals) => child.kill(s);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function timed(name: string, fn: () => Promise<Omit<StepResult, "name" | "seconds">>): Promise<StepResult> {
  process.stdout.write(`\n━━ ${name} ━━\n`);
  const started = Date.now();
  try {
    const r = await fn();
    return { name, ...r, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    process.stderr.write(`${name} could not run: ${(error as Error).stack ?? error}\n`);
    return { name, passed: 0, failed: 1, seconds: (Date.now() - started) / 1000, note: "did not run" };
  }
}

async function single(script: string, args: string[]) {
  const code = await run(script, args);
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

/** The OpenAPI document as the app serves it, linted with Redocly's recommended rules. */
async function lintOpenApi() {
  const file = path.join(RESULTS_DIR, "openapi.json");
  fs.writeFileSync(file, JSON.stringify(buildOpenApiDocument(), null, 2));
  const code = await run(bin.redocly, ["lint", file, "--extends", "recommended", "--format", "stylish"], {
    REDOCLY_TELEMETRY: "off",
    REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  });
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

async function vitest(project: "unit" | "integration", env: Env = {}) {
  const out = path.join(RESULTS_DIR, `vitest-${project}.json`);
  fs.rmSync(out, { force: true });
  const code = await run(
    bin.vitest,
    ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...passThrough],
    env,
  );
  if (!fs.existsSync(out)) return { passed: 0, failed: 1, note: `vitest exited ${code} without a report` };
  const r = JSON.parse(fs.readFileSync(out, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numFailedTestSuites: number;
  };
  const failed = r.numFailedTests + r.numFailedTestSuites;
  return { passed: r.numPassedTests, failed: failed === 0 && code !== 0 ? 1 : failed };
}

async function e2e(server: TestServer) {
  const url = await server.createMigratedDatabase("shipshape_e2e");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    await runSeed(db, "demo", {});
  } finally {
    await db.$disconnect();
  }
  if (!buildIsCurrent()) {
    process.stdout.write("production build is missing or stale: building…\n");
    const code = await run(bin.next, ["build"], { NODE_ENV: "production" });
    if (code !== 0) return { passed: 0, failed: 1, note: "next build failed" };
    writeBuildStamp();
  }
  const report = path.join(RESULTS_DIR, "playwright.json");
  fs.rmSync(report, { force: true });
  const code = await run(bin.playwright, ["test", ...passThrough], {
    E2E_DATABASE_URL: url,
    E2E_PORT: String(await freePort()),
  });
  if (!fs.existsSync(report)) return { passed: 0, failed: 1, note: `playwright exited ${code} without a report` };
  const { stats } = JSON.parse(fs.readFileSync(report, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number };
  };
  const failed = stats.unexpected + stats.flaky;
  return { passed: stats.expected, failed: failed === 0 && code !== 0 ? 1 : failed };
}

async function main() {
  const target = process.argv[2] ?? "all";
  if (!["all", "integration", "e2e"].includes(target)) {
    process.stderr.write(`usage: tests/run.ts [all|integration|e2e]\n`);
    process.exit(2);
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const results: StepResult[] = [];
  if (target === "all") {
    results.push(await timed("typecheck", () => single(bin.tsc, ["--noEmit", "-p", "tsconfig.typecheck.json"])));
    results.push(await timed("lint", () => single(bin.eslint, [".", "--max-warnings", "0"])));
    results.push(await timed("format", () => single(bin.prettier, ["--check", ".", "--log-level", "warn"])));
    results.push(await timed("openapi", lintOpenApi));
    results.push(await timed("unit", () => vitest("unit")));
  }
  let server: TestServer | null = null;
  try {
    server = await startTestServer();
    const s = server;
    if (target !== "e2e") {
      results.push(
        await timed("integration", async () =>
          vitest("integration", { SHIPSHAPE_IT_DATABASE_URL: await s.createMigratedDatabase("shipshape_it") }),
        ),
      );
    }
    if (target !== "integration") results.push(await timed("e2e", () => e2e(s)));
  } catch (error) {
    results.push({ name: "test database", passed: 0, failed: 1, seconds: 0, note: (error as Error).message });
  } finally {
    await server?.stop();
  }

  process.stdout.write("\n━━ summary ━━\n");
  for (const r of results) {
    process.stdout.write(
      `${r.failed ? "✗" : "✓"} ${r.name.padEnd(12)} ${String(r.passed).padStart(4)} passed, ${r.failed} failed  (${r.seconds.toFixed(1)} s)${r.note ? `  ${r.note}` : ""}\n`,
    );
  }
  const passed = results.reduce((s, r) => s + r.passed, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed > 0 ? 1 : 0);
}

void main();
