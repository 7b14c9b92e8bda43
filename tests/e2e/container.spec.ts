import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "@/lib/core/runtime/app-server";
import { makeUser } from "../support/factories";
import { replicaDatabase } from "../support/replicas";
import { signIn } from "../support/sign-in";

// The container image without Docker: the standalone output assembled in an empty folder by the
// Dockerfile's own COPY lines (read from it, so the two cannot drift), then started as the
// entrypoint starts it. Nothing outside that folder is reachable by Node's module resolution.

const STANDALONE = "./.next/standalone/";

/** The runner stage's COPY lines into the standalone folder, as [source in this checkout, destination]. */
function standaloneCopies(): Array<[string, string]> {
  const lines = fs.readFileSync("Dockerfile", "utf8").split("\n");
  const runner = lines.slice(lines.findIndex((l) => /^FROM .* AS runner/.test(l)));
  return runner
    .filter((l) => l.startsWith("COPY ") && l.includes(` ${STANDALONE}`))
    .map((l) => {
      const parts = l.split(/\s+/).filter((p) => !p.startsWith("--"));
      const [source, dest] = parts.slice(1);
      const fromBuild = l.includes("--from=build");
      return [fromBuild ? source.replace(/^\/app\//, "") : source, dest.slice(STANDALONE.length)];
    });
}

test("the image's standalone server starts from its own folder and is ready, with its static assets", async () => {
  test.setTimeout(120_000);
  const copies = standaloneCopies();
  expect(copies.map(([, d]) => d)).toEqual(
    expect.arrayContaining([".next/static", "public", "prisma/migrations", "server.mjs"]),
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-image-"));
  fs.cpSync(".next/standalone", dir, { recursive: true, verbatimSymlinks: true });
  for (const [source, dest] of copies) fs.cpSync(source, path.join(dir, dest), { recursive: true });

  const database = await replicaDatabase();
  const user = await makeUser(database.db, { role: "platform" });
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const server = spawn(process.execPath, ["server.mjs", "--port", String(port), "--host", "127.0.0.1"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      AUTH_SECRET: "container-test-secret-0123456789",
      NEXTAUTH_URL: base,
      SHIPSHAPE_JOBS: "1",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  server.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((r) => server.once("exit", r));
  try {
    await expect
      .poll(
        async () => {
          if (server.exitCode !== null) throw new Error(`the server exited: ${stderr}`);
          return fetch(`${base}/api/ready`).then(
            (r) => r.status,
            () => 0,
          );
        },
        { timeout: 60_000 },
      )
      .toBe(200);
    const ready = (await (await fetch(`${base}/api/ready`)).json()) as {
      checks: Array<{ name: string; detail: string }>;
    };
    expect(ready.checks.find((c) => c.name === "migrations")?.detail).toBe("all applied");
    expect(ready.checks.find((c) => c.name === "jobs")?.detail).toBe("job runner running");

    // A rendered page, its scripts from .next/static, and a file from public/.
    const cookie = await signIn(base, user.email, user.password);
    const html = await (await fetch(`${base}/services`, { headers: { cookie } })).text();
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    expect((await fetch(`${base}${script}`)).status).toBe(200);
    const publicFile = fs.readdirSync("public").find((f) => fs.statSync(path.join("public", f)).isFile());
    expect(publicFile).toBeTruthy();
    expect((await fetch(`${base}/${publicFile}`)).status).toBe(200);

    server.kill("SIGTERM");
    expect(await exited).toBe(0);
  } finally {
    if (server.exitCode === null) server.kill("SIGKILL");
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
