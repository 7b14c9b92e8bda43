// `npm start` (and `npm run dev` with --dev): database, migrations, demo data, build, server.
// Without DATABASE_URL it runs an embedded PostgreSQL in .data/postgres and seeds an empty database.
// Ctrl-C / SIGTERM stops the web server first, then the database, leaving no process behind.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { describeEnvError, ZServerEnv } from "@/lib/core/env";
import { DEMO_USERS } from "@/lib/access/domain";
import { buildIsCurrent, writeBuildStamp } from "./build-stamp";
import { heapArgs } from "./heap";
import { localSecrets, openDatabase, type Database } from "@/lib/core/db/local-database";
import { migrateIfNeeded } from "@/lib/core/db/migrate";

const dev = process.argv.includes("--dev");
const say = (m: string) => process.stdout.write(`[shipshape] ${m}\n`);
const nextBin = path.resolve("node_modules", "next", "dist", "bin", "next");
const httpServer = path.resolve("lib", "core", "runtime", "http-server.mjs");

function fail(message: string): never {
  process.stderr.write(`[shipshape] ${message}\n`);
  process.exit(1);
}

function runToEnd(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, ...args], { stdio: "inherit", env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next ${args[0]} failed (exit ${code})`))));
  });
}

async function waitForHealth(port: number, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error("the web server exited during start-up");
    try {
      const res = await fetch(`http://localhost:${port}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the web server did not become healthy within 120 s");
}

/** Seeds demo data into an empty database; reports whether the demo accounts exist. */
async function ensureDemoData(): Promise<boolean> {
  const { prisma } = await import("@/lib/core/db/client");
  const { isDatabaseEmpty, runSeed } = await import("@/prisma/seed");
  try {
    if (await isDatabaseEmpty(prisma)) {
      say("empty database: loading demo data (180 days of history)…");
      const started = Date.now();
      await runSeed(prisma, "demo", {});
      say(`demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const { hasDemoUsers } = await import("@/lib/access/server");
    return await hasDemoUsers();
  } finally {
    await prisma.$disconnect();
  }
}

async function main() {
  const embedded = !process.env.DATABASE_URL;
  const authSecret = process.env.AUTH_SECRET || (embedded ? localSecrets().authSecret : undefined);
  const port = Number(process.env.PORT ?? 3000);
  // Validate everything but the database URL before touching anything.
  const pre = ZServerEnv.safeParse({
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://embedded",
    AUTH_SECRET: authSecret,
  });
  if (!pre.success) fail(describeEnvError(pre.error));

  let db: Database;
  try {
    db = await openDatabase();
  } catch (error) {
    fail(`cannot start the database: ${(error as Error).message}`);
  }
  process.env.DATABASE_URL = db.url;
  say(embedded ? `embedded PostgreSQL on port ${new URL(db.url).port} (data in .data/postgres)` : "using DATABASE_URL");

  let server: ChildProcess | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((r) => server?.once("exit", r));
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
      const killer = setTimeout(() => server?.pid && process.kill(-server.pid, "SIGKILL"), 30_000);
      await exited;
      clearTimeout(killer);
    }
    await db.release();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  try {
    const applied = await migrateIfNeeded(process.env.DIRECT_DATABASE_URL || db.url);
    if (applied.length) say(`applied ${applied.length} migration(s)`);
    const demo = embedded && (await ensureDemoData());
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: db.url,
      AUTH_SECRET: authSecret,
      NEXTAUTH_SECRET: authSecret,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      PORT: String(port),
      SHIPSHAPE_DEMO: demo ? "1" : "0",
    };
    if (!dev && !buildIsCurrent()) {
      say("building the app (first start or changed sources; about a minute)…");
      await runToEnd(["build"], { ...env, NODE_ENV: "production" });
      writeBuildStamp();
    }
    // A demo instance has published passwords: it listens on this machine only unless HOST says otherwise.
    const host = process.env.HOST ?? (demo ? "127.0.0.1" : "0.0.0.0");
    // Its own process group, so stopping it also stops anything it spawns.
    const args = [
      ...(dev ? [] : heapArgs(env)),
      httpServer,
      ...(dev ? ["--dev"] : []),
      "--port",
      String(port),
      "--host",
      host,
    ];
    server = spawn(process.execPath, args, {
      stdio: "inherit",
      env,
      detached: true,
    });
    server.on("exit", (code) => void stop(stopping ? 0 : (code ?? 1)));
    await waitForHealth(port, server);
    say(`Shipshape is up: http://localhost:${port}`);
    if (demo && !process.env.HOST) say("demo mode listens on 127.0.0.1 only; set HOST=0.0.0.0 to serve other machines");
    if (demo) {
      say("demo logins (demo mode only):");
      for (const u of DEMO_USERS) say(`  ${u.role.padEnd(10)} ${u.email} / ${u.password}`);
    }
  } catch (error) {
    process.stderr.write(`[shipshape] ${(error as Error).message}\n`);
    await stop(1);
  }
}

void main();
