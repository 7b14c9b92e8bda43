// `npm run bench`: starts the app on the project's database (embedded unless DATABASE_URL), seeds demo
// data into an empty one, then times each endpoint against the raw SQL of its main query (the floor),
// measured in the same run. Prints p50/p95 and the ratio; asserts nothing.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { generateToken, hashToken, tokenDisplayPrefix } from "@/lib/auth/tokens";
import { buildIsCurrent, writeBuildStamp } from "@/lib/runtime/build-stamp";
import { localSecrets, openDatabase } from "@/lib/runtime/local-database";
import { migrateIfNeeded } from "@/lib/runtime/migrate";
import { isDatabaseEmpty, runSeed } from "@/prisma/seed";
import { freePort } from "../support/test-database";
import { BENCH_CASES, type BenchCase } from "./cases";

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WARMUP = 5;
const nextBin = path.resolve("node_modules/next/dist/bin/next");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function time(fn: () => Promise<void>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function run(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: "inherit", env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args[0]} failed`))));
  });
}

/** A platform user and an admin token for the benchmark, refreshed on every run. */
async function benchCredentials(db: PrismaClient) {
  const email = "bench@shipshape.local";
  const password = crypto.randomBytes(12).toString("hex");
  await db.user.upsert({
    where: { email },
    update: { passwordHash: await hashPassword(password), disabled: false, role: "platform" },
    create: { email, name: "Benchmark", role: "platform", passwordHash: await hashPassword(password) },
  });
  const token = generateToken();
  await db.apiToken.create({ data: { name: `bench-${Date.now()}`, tokenHash: hashToken(token), prefix: tokenDisplayPrefix(token), scopes: ["read", "admin"] } });
  return { email, password, token };
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = (csrfRes.headers.getSetCookie() ?? []).map((c) => c.split(";")[0]);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error("benchmark sign-in failed");
  return [...jar, session].join("; ");
}

function printTable(rows: Array<{ c: BenchCase; app: { p50: number; p95: number }; floor: { p50: number; p95: number } }>) {
  const head = ["endpoint", "p50 ms", "p95 ms", "SQL floor p50", "floor p95", "ratio p50"];
  const lines = rows.map(({ c, app, floor }) => [c.name, app.p50.toFixed(1), app.p95.toFixed(1), floor.p50.toFixed(2), floor.p95.toFixed(2), `${(app.p50 / floor.p50).toFixed(1)}×`]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  process.stdout.write(`\n${fmt(head)}\n${widths.map((w) => "─".repeat(w)).join("  ")}\n${lines.map(fmt).join("\n")}\n`);
}

async function main() {
  const database = await openDatabase();
  await migrateIfNeeded(database.url);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  const floorClient = new pg.Client({ connectionString: database.url });
  let server: ReturnType<typeof spawn> | null = null;
  try {
    if (await isDatabaseEmpty(db)) {
      process.stdout.write("empty database: seeding demo data…\n");
      await runSeed(db, "demo", {});
    }
    const creds = await benchCredentials(db);
    const secret = process.env.AUTH_SECRET ?? localSecrets().authSecret;
    const port = await freePort();
    const base = `http://localhost:${port}`;
    const env = { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: secret, NEXTAUTH_URL: base, LOG_LEVEL: "warn" };
    if (!buildIsCurrent()) {
      await run(nextBin, ["build"], { ...env, NODE_ENV: "production" });
      writeBuildStamp();
    }
    server = spawn(process.execPath, [nextBin, "start", "-p", String(port)], { env, stdio: "ignore", detached: true });
    for (let i = 0; i < 240 && !(await fetch(`${base}/api/health`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 250));
    const cookie = await signIn(base, creds.email, creds.password);
    await floorClient.connect();

    const results = [];
    for (const c of BENCH_CASES) {
      const headers: Record<string, string> = c.auth === "token" ? { authorization: `Bearer ${creds.token}` } : c.auth === "session" ? { cookie } : {};
      const app = await time(async () => {
        const res = await fetch(`${base}${c.path}`, { headers });
        if (!res.ok) throw new Error(`${c.path} answered ${res.status}`);
        await res.arrayBuffer();
      });
      const floor = await time(async () => {
        for (const sql of c.floorSql) await floorClient.query(sql);
      });
      results.push({ c, app, floor });
    }
    process.stdout.write(`\n${RUNS} requests each after ${WARMUP} warm-up; floor = the page's main query typed into psql, same database, same run.`);
    printTable(results);
  } finally {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
    await floorClient.end().catch(() => undefined);
    await db.$disconnect();
    await database.release();
  }
}

void main();
