// Debian's PgBouncer in transaction mode, on a loopback port, in front of a test PostgreSQL: the
// web app goes through it, as it would in production. Returns the URL to use instead of `target`.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/lib/core/runtime/app-server";

const BINARY = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].find((p) => fs.existsSync(p));

export type PgBouncer = { url: string; adminUrl: string; stop: () => Promise<void>; log: () => string };

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

export async function startPgBouncer(target: string): Promise<PgBouncer> {
  if (!BINARY) throw new Error("pgbouncer is not installed (apt-get install -y pgbouncer; .ci/run does it)");
  const t = new URL(target);
  const user = decodeURIComponent(t.username);
  const password = decodeURIComponent(t.password);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-pgbouncer-"));
  fs.chmodSync(dir, 0o755); // run as root, it drops to the postgres user, which must read its files
  const port = await freePort();
  const logFile = path.join(dir, "pgbouncer.log");
  fs.writeFileSync(path.join(dir, "userlist.txt"), `"${user}" "${password}"\n`, { mode: 0o644 });
  fs.writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `* = host=${t.hostname === "localhost" ? "127.0.0.1" : t.hostname} port=${t.port || 5432}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = scram-sha-256",
      `auth_file = ${path.join(dir, "userlist.txt")}`,
      "pool_mode = transaction",
      "max_client_conn = 500",
      "default_pool_size = 20",
      `admin_users = ${user}`,
      `logfile = ${logFile}`,
      "",
    ].join("\n"),
    { mode: 0o644 },
  );
  fs.writeFileSync(logFile, "");
  fs.chmodSync(logFile, 0o666); // written by the postgres user when started as root
  const asRoot = process.getuid?.() === 0;
  const child: ChildProcess = spawn(BINARY, [...(asRoot ? ["-u", "postgres"] : []), path.join(dir, "pgbouncer.ini")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  for (let i = 0; i < 100 && !(await listening(port)); i++) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited: ${stderr}${fs.readFileSync(logFile, "utf8")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  const adminUrl = new URL(url);
  adminUrl.pathname = "/pgbouncer";
  return {
    url: url.toString(),
    adminUrl: adminUrl.toString(),
    log: () => fs.readFileSync(logFile, "utf8"),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGINT");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
