import { spawn } from "node:child_process";
import fs from "node:fs/promises";

export { freePort } from "@/lib/core/runtime/app-server";

export type RunningDaemon = { url: string; stop: () => Promise<void> };

/**
 * Starts a real program (Prometheus, Alertmanager) listening on `port` of loopback, waits until its
 * `/-/ready` answers (30 s at most, failing with the program's last log lines), and stops it with
 * SIGTERM, removing `dir`, its scratch folder.
 */
export async function startDaemon(command: string, args: string[], port: number, dir: string): Promise<RunningDaemon> {
  const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} exited (${child.exitCode}):\n${log}`);
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`${command} did not become ready:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
