// `npm run chaos`: faults on loopback, against the production server and a real PostgreSQL of its
// own (durable settings: fsync and synchronous commit on). Prints its figures, and exits non-zero
// when a promise is broken:
//   1. kill -9 PostgreSQL while deployments stream in, start it again: every event that got a 2xx is
//      in the database (0 lost); requests during the outage get 503 quickly, never a 500 or a hang;
//      the app recovers without a restart.
//   2. a replay storm: 1,000 GitHub deliveries, each sent 10 times in parallel, give 1,000 rows.
//   3. 100 concurrent ticks of one checklist item: one winner per version, no audit entry lost.
//   4. a slow database (a loopback TCP proxy that delays every packet): the health check says
//      degraded, pages answer with their loading state first, nothing hangs past its timeout.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { hashPassword } from "@/lib/access/server/password";
import { generateToken, hashToken, tokenDisplayPrefix } from "@/lib/access/server/token-secrets";
import {
  createDatabase,
  runningServer,
  startCluster,
  stopCluster,
  type Cluster,
} from "@/lib/core/db/embedded-postgres";
import { runPrisma } from "@/lib/core/db/migrate";
import { freePort, startAppServer } from "@/lib/core/runtime/app-server";
import { ensureBuiltInTemplates } from "@/lib/readiness/server/templates";
import { percentile, signIn } from "../bench/setup";
import { startProxy } from "./proxy";

const say = (m: string) => process.stdout.write(`${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const broken: string[] = [];
function promise(ok: boolean, what: string) {
  say(`  ${ok ? "✓" : "✗"} ${what}`);
  if (!ok) broken.push(what);
}

// ─── Set-up ───────────────────────────────────────────────────────────────────

type Timed = { status: number; ms: number; body: string };
async function timedFetch(url: string, init: RequestInit, timeoutMs = 70_000): Promise<Timed> {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.text();
    return { status: res.status, ms: performance.now() - started, body };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, body: (error as Error).message };
  }
}

const pct = (values: number[], p: number) =>
  values.length
    ? percentile(
        [...values].sort((x, y) => x - y),
        p,
      )
    : 0;

async function main() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-chaos-"));
  const password = crypto.randomBytes(12).toString("hex");
  const pgPort = await freePort();
  const opts = { dataDir: path.join(root, "data"), port: pgPort, password, fast: false };
  let cluster: Cluster = await startCluster(opts);
  const directUrl = await createDatabase(cluster, "chaos");
  await runPrisma(["migrate", "deploy"], directUrl, { quiet: true });
  const proxy = startProxy(() => pgPort);
  const proxyPort = await proxy.listen();
  const viaProxy = new URL(directUrl);
  viaProxy.port = String(proxyPort);

  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: directUrl, max: 4 }) });
  const team = await db.team.create({ data: { slug: "chaos", name: "Chaos" } });
  const service = await db.service.create({
    data: {
      slug: "chaos-api",
      name: "Chaos API",
      teamId: team.id,
      tier: 1,
      lifecycle: "production",
      repoUrl: "https://github.com/chaos/api",
      repoSlug: "github.com/chaos/api",
    },
  });
  const token = generateToken();
  await db.apiToken.create({
    data: { name: "chaos", tokenHash: hashToken(token), prefix: tokenDisplayPrefix(token), scopes: ["admin"] },
  });
  const user = { email: "chaos@shipshape.dev", password: "chaos-password-1" };
  await db.user.create({
    data: { email: user.email, role: "platform", passwordHash: await hashPassword(user.password) },
  });
  process.env.DATABASE_URL = directUrl;
  await ensureBuiltInTemplates(db);

  const githubSecret = "chaos-github-secret";
  const app = await startAppServer(
    {
      ...process.env,
      DATABASE_URL: viaProxy.toString(),
      AUTH_SECRET: "chaos-auth-secret-0123456789",
      GITHUB_WEBHOOK_SECRET: githubSecret,
      SHIPSHAPE_RATE_LIMIT_PER_MINUTE: "1000000",
      SHIPSHAPE_DB_QUERY_TIMEOUT_MS: "10000",
      SHIPSHAPE_DB_CONNECT_TIMEOUT_MS: "5000",
    },
    say,
    path.join(root, "app.log"),
  );
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  say(`chaos: app ${app.base}, PostgreSQL on ${pgPort} behind a proxy on ${proxyPort}\n`);

  try {
    // ── 1. kill -9 PostgreSQL mid-stream ──────────────────────────────────────
    say("1. kill -9 PostgreSQL while deployments stream in (40 req/s for 20 s, outage at 6 s for 4 s)");
    const results: Array<Timed & { id: string; at: number }> = [];
    const streamStart = performance.now();
    const outage = { from: 0, to: 0 };
    const killer = (async () => {
      await sleep(6000);
      const pid = runningServer(opts.dataDir)?.pid;
      if (!pid) throw new Error("no postmaster pid");
      outage.from = performance.now() - streamStart;
      process.kill(pid, "SIGKILL");
      await sleep(4000);
      // The killed server's backends exit when they see the postmaster gone; then start it again.
      for (let i = 0; i < 50 && runningServer(opts.dataDir); i++) await sleep(100);
      cluster = await startCluster(opts);
      outage.to = performance.now() - streamStart;
    })();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < 800; i++) {
      const id = `chaos-${i}`;
      const at = performance.now() - streamStart;
      inflight.push(
        timedFetch(`${app.base}/api/v1/deployments`, {
          method: "POST",
          headers: auth,
          body: JSON.stringify({
            externalId: id,
            service: service.slug,
            environment: "production",
            status: "success",
            finishedAt: new Date(Date.now() - 60_000).toISOString(),
          }),
        }).then((r) => {
          results.push({ ...r, id, at });
        }),
      );
      await sleep(25);
    }
    await Promise.all(inflight);
    await killer;
    const accepted = results.filter((r) => r.status >= 200 && r.status < 300);
    const during = results.filter((r) => r.at >= outage.from && r.at < outage.to);
    const unavailable = results.filter((r) => r.status === 503);
    const others = results.filter((r) => !(r.status >= 200 && r.status < 300) && r.status !== 503);
    const stored = new Set(
      (await db.deployment.findMany({ where: { serviceId: service.id }, select: { externalId: true } })).map(
        (d) => d.externalId,
      ),
    );
    const lost = accepted.filter((r) => !stored.has(r.id));
    const afterRestart = results.filter((r) => r.at > outage.to + 2000);
    say(`   sent ${results.length}: ${accepted.length} accepted, ${unavailable.length} × 503, ${others.length} other`);
    say(
      `   outage ${(outage.from / 1000).toFixed(1)}–${(outage.to / 1000).toFixed(1)} s; ${during.length} requests sent during it`,
    );
    say(
      `   503 latency p50 ${pct(
        unavailable.map((r) => r.ms),
        50,
      ).toFixed(0)} ms, max ${Math.max(0, ...unavailable.map((r) => r.ms)).toFixed(0)} ms`,
    );
    promise(lost.length === 0, `0 accepted events lost (lost: ${lost.length} of ${accepted.length})`);
    promise(
      others.length === 0,
      `no 500s, hangs or other failures (${
        others
          .map((r) => r.status)
          .slice(0, 5)
          .join(", ") || "none"
      })`,
    );
    promise(
      unavailable.every((r) => r.ms < 11_000 && /"code":"unavailable"/.test(r.body)),
      "refusals during the outage are 503 in the error shape, within the connect timeout",
    );
    promise(
      afterRestart.length > 0 && afterRestart.every((r) => r.status === 201 || r.status === 200),
      `recovered without a restart: ${afterRestart.filter((r) => r.status < 300).length}/${afterRestart.length} accepted after the database returned`,
    );

    // ── 2. replay storm ───────────────────────────────────────────────────────
    say("\n2. replay storm: 1,000 GitHub deliveries, each sent 10 times in parallel");
    const before = await db.deployment.count({ where: { serviceId: service.id } });
    const deliveries = Array.from({ length: 1000 }, (_, i) => {
      const body = JSON.stringify({
        action: "created",
        deployment_status: { state: "success", created_at: new Date(Date.now() - 3600_000 + i * 1000).toISOString() },
        deployment: {
          id: 500_000 + i,
          sha: crypto.randomBytes(20).toString("hex"),
          environment: "production",
          created_at: new Date(Date.now() - 3700_000).toISOString(),
        },
        repository: { full_name: "chaos/api", html_url: "https://github.com/chaos/api" },
      });
      return {
        id: crypto.randomUUID(),
        body,
        signature: `sha256=${crypto.createHmac("sha256", githubSecret).update(body).digest("hex")}`,
      };
    });
    const stormStarted = performance.now();
    const statuses = new Map<number, number>();
    const queue = deliveries.flatMap((d) => Array.from({ length: 10 }, () => d));
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        for (let d = queue.pop(); d; d = queue.pop()) {
          const r = await timedFetch(`${app.base}/api/v1/webhooks/github`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "x-github-event": "deployment_status",
              "x-github-delivery": d.id,
              "x-hub-signature-256": d.signature,
            },
            body: d.body,
          });
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        }
      }),
    );
    const rows = (await db.deployment.count({ where: { serviceId: service.id } })) - before;
    say(
      `   10,000 requests in ${((performance.now() - stormStarted) / 1000).toFixed(1)} s: ${[...statuses].map(([s, n]) => `${n} × ${s}`).join(", ")}`,
    );
    promise(rows === 1000, `exactly 1,000 rows (${rows})`);
    promise(
      statuses.get(201) === 1000 && statuses.get(200) === 9000,
      `one 201 per delivery, 200 (duplicate) for every replay (${statuses.get(201) ?? 0} × 201, ${statuses.get(200) ?? 0} × 200)`,
    );
    promise(![...statuses.keys()].some((s) => s >= 500 || s === 0), "no 5xx");

    // ── 3. 100 concurrent ticks ───────────────────────────────────────────────
    say("\n3. 100 concurrent ticks of one checklist item, three rounds");
    const item = (
      await db.checklistItem.findFirstOrThrow({
        where: { template: { key: "production-readiness" } },
        orderBy: { position: "asc" },
      })
    ).key;
    const url = `${app.base}/api/v1/services/${service.slug}/checklist/items/${item}`;
    let version = 0;
    let winnersOk = true;
    for (let round = 0; round < 3; round++) {
      const status = round % 2 === 0 ? "done" : "open";
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          timedFetch(url, {
            method: "PATCH",
            headers: auth,
            body: JSON.stringify({ status, version, note: `tick ${round}.${i}` }),
          }),
        ),
      );
      const wins = answers.filter((a) => a.status === 200);
      const conflicts = answers.filter((a) => a.status === 409);
      say(
        `   round ${round + 1} (version ${version}): ${wins.length} winner, ${conflicts.length} × 409, ${100 - wins.length - conflicts.length} other`,
      );
      winnersOk &&= wins.length === 1 && conflicts.length === 99;
      version = (JSON.parse(wins[0]?.body ?? "{}") as { version?: number }).version ?? version + 1;
    }
    const audits = await db.auditLog.count({
      where: { action: "checklist.item.update", entityId: `${service.id}:${item}` },
    });
    promise(winnersOk, "one winner per version, every loser told 409");
    promise(audits === 3, `one audit entry per winning change (${audits} for 3)`);

    // ── 4. slow database ──────────────────────────────────────────────────────
    say("\n4. a slow database: every packet to and from PostgreSQL delayed by 600 ms");
    const session = await signIn(app.base, user.email, user.password);
    proxy.setDelay(600);
    const health = await timedFetch(`${app.base}/api/health`, {}, 20_000);
    say(`   /api/health → ${health.status} ${health.body} in ${health.ms.toFixed(0)} ms`);
    promise(health.status === 200 && /"degraded"/.test(health.body), "the health check reports degraded");
    promise(health.ms < 6_000, "the health check answers within its 5 s timeout");
    for (const page of ["/", "/services", `/services/${service.slug}`]) {
      const first = await firstChunk(`${app.base}${page}`, session, 60_000);
      say(
        `   ${page}: first bytes in ${first.ttfb.toFixed(0)} ms (${first.loading ? "loading state" : "no loading state"}), done in ${first.total.toFixed(0)} ms, HTTP ${first.status}`,
      );
      promise(first.status === 200 && first.total < 60_000, `${page} answers and never hangs past the query timeout`);
      promise(first.loading, `${page} shows its loading state before the data arrives`);
    }
    proxy.setDelay(0);
    const back = await timedFetch(`${app.base}/api/health`, {});
    promise(back.status === 200 && /"ok"/.test(back.body), "the health check is ok again once the delay goes");
  } finally {
    const logged = fs.readFileSync(path.join(root, "app.log"), "utf8").split("\n");
    const errors = logged.filter((l) => /"level":(50|60)/.test(l) && !/database unavailable/.test(l));
    if (errors.length) {
      say(`\napp errors logged: ${errors.length}; the first:`);
      for (const line of errors.slice(0, 3)) say(`  ${line.slice(0, 1500)}`);
    }
    app.stop();
    proxy.close();
    await db.$disconnect();
    await stopCluster(cluster);
    fs.rmSync(root, { recursive: true, force: true });
  }
  say(broken.length ? `\n✗ ${broken.length} promise(s) broken` : "\n✓ every promise held");
  process.exit(broken.length ? 1 : 0);
}

/** Time to the first bytes of a page, whether they carry its loading skeleton, and time to the end. */
async function firstChunk(url: string, cookie: string, timeoutMs: number) {
  const started = performance.now();
  const res = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(timeoutMs) });
  const reader = res.body!.getReader();
  const first = await reader.read();
  const ttfb = performance.now() - started;
  const head = new TextDecoder().decode(first.value ?? new Uint8Array());
  let rest = head;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
    rest += new TextDecoder().decode(chunk.value);
  // A slow page streams its loading skeleton (components/ui/skeleton.tsx) first, the data after.
  const loading = /animate-pulse/.test(rest);
  return { status: res.status, ttfb, total: performance.now() - started, loading };
}

main().catch((error) => {
  process.stderr.write(`chaos: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
