// Starts the production server in a child process for commands that need the rendered app (the PDF
// report): builds first when the sources changed since the last build, waits for /api/health.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { buildIsCurrent, writeBuildStamp } from "./build-stamp";
import { heapArgs } from "./heap";

const nextBin = () => path.resolve("node_modules/next/dist/bin/next");

/** The ports handed out by this process: asked twice before the first is bound, the kernel may repeat one. */
const handedOut = new Set<number>();

function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A free loopback port (the kernel's choice, released for a program to take), never one handed out before. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await kernelPort();
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin(), ...args], { stdio: ["ignore", "ignore", "inherit"], env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next ${args[0]} failed (exit ${code})`))));
  });
}

export async function isUp(base: string): Promise<boolean> {
  return fetch(`${base}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
}

export async function startAppServer(
  env: NodeJS.ProcessEnv,
  log: (m: string) => void,
  /** Where the server's own output goes (its JSON logs); discarded when not given. */
  logFile?: string,
  /** Background jobs are off unless asked for; the log level is `warn` unless given. */
  opts: { jobs?: boolean; logLevel?: string } = {},
): Promise<{ base: string; pid: number | undefined; stop: () => void; exited: Promise<number | null> }> {
  if (!buildIsCurrent()) {
    log("building the app (sources changed since the last build)…");
    await run(["build"], { ...env, NODE_ENV: "production" });
    writeBuildStamp();
  }
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const httpServer = path.resolve("lib/core/runtime/http-server.mjs");
  const child: ChildProcess = spawn(
    process.execPath,
    [...heapArgs(env), httpServer, "--port", String(port), "--host", "127.0.0.1"],
    {
      env: {
        ...env,
        PORT: String(port),
        NEXTAUTH_URL: base,
        SHIPSHAPE_JOBS: opts.jobs ? "1" : "0",
        LOG_LEVEL: opts.logLevel ?? "warn",
      },
      stdio: logFile ? ["ignore", fs.openSync(logFile, "a"), fs.openSync(logFile, "a")] : "ignore",
      detached: true,
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  };
  for (let i = 0; i < 240; i++) {
    if (await isUp(base)) return { base, pid: child.pid, stop, exited };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error("the app server did not start");
}
