// `npm run bench`: starts the app on the benchmark database (the org-scale `seed large` data set in a
// database of its own on the project's server, seeded on first run), then times each endpoint against
// its floor — the same aggregate through node-postgres — in the same run, and measures ingestion.
// Prints p50/p95 and ratios; asserts nothing. `npm run bench load` runs the load test instead, and
// `npm run bench explain` writes the heaviest statements' plans to tests/bench/plans/.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { benchDatabaseUrl } from "@/lib/core/db/bench-database";
import { startAppServer } from "@/lib/core/runtime/app-server";
import { localSecrets, openDatabase } from "@/lib/core/db/local-database";
import { migrateIfNeeded } from "@/lib/core/db/migrate";
import { parsePagePeriod } from "@/lib/core/period";
import { takeSnapshots } from "@/lib/scorecards/server/snapshots";
import { releaseOnInterrupt } from "@/lib/cli/context";
import { BENCH_CASES, type BenchContext } from "./cases";
import { benchCredentials, ensureLargeData, percentile, say, signIn, table } from "./setup";
import { loadTest } from "./load";
import { compareWithDevLake, ensureMapping } from "./peer/compare";
import { explainAll } from "./explain";

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WARMUP = 5;

async function time(fn: () => Promise<unknown>, runs = RUNS, warmup = WARMUP): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** Batches of 1,000 deployments through the API, one after another. */
async function ingestionRate(
  base: string,
  token: string,
  service: string,
): Promise<{ perSecond: number; total: number }> {
  const batches = 20;
  const runId = Date.now();
  const started = process.hrtime.bigint();
  for (let b = 0; b < batches; b++) {
    const deployments = Array.from({ length: 1000 }, (_, i) => ({
      externalId: `bench-${runId}-${b}-${i}`,
      service,
      environment: "production",
      status: "success",
      finishedAt: new Date(Date.now() - (b * 1000 + i) * 1000).toISOString(),
      commits: [
        { sha: crypto.randomBytes(6).toString("hex"), authoredAt: new Date(Date.now() - 86_400_000).toISOString() },
      ],
    }));
    const res = await fetch(`${base}/api/v1/deployments`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ deployments }),
    });
    if (res.status !== 201) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: (batches * 1000) / seconds, total: batches * 1000 };
}

/** 4,000 SLOs (two per service) for the sustained SLI ingest measurement, created once. */
async function ensureBenchSlos(db: PrismaClient): Promise<Array<{ service: string; slo: string }>> {
  const services = await db.service.findMany({ select: { id: true, slug: true }, orderBy: { slug: "asc" } });
  await db.slo.createMany({
    data: services.flatMap((s) => [
      { serviceId: s.id, name: "bench-availability", objective: 99.9, windowDays: 30 },
      { serviceId: s.id, name: "bench-latency", objective: 99, windowDays: 28 },
    ]),
    skipDuplicates: true,
  });
  return services.flatMap((s) => [
    { service: s.slug, slo: "bench-availability" },
    { service: s.slug, slo: "bench-latency" },
  ]);
}

/**
 * One 5-minute sample for every SLO, one request each, 8 at a time: the load of 4,000 SLOs reporting
 * every five minutes (13.3 requests/s) compared with what the server sustains.
 */
async function sliIngest(base: string, token: string, slos: Array<{ service: string; slo: string }>) {
  const start = new Date(Math.floor(Date.now() / 300_000) * 300_000 - 300_000).toISOString();
  const latencies: number[] = [];
  let next = 0;
  const began = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < slos.length) {
        const target = slos[next++];
        const t = process.hrtime.bigint();
        const res = await fetch(`${base}/api/v1/sli`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({
            ...target,
            samples: [{ start, good: 9990 + Math.floor(Math.random() * 10), total: 10_000 }],
          }),
        });
        if (res.status !== 201) throw new Error(`sli answered ${res.status}: ${await res.text()}`);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  latencies.sort((a, b) => a - b);
  return { perSecond: slos.length / seconds, seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

async function main() {
  const server = await openDatabase();
  releaseOnInterrupt(server.release);
  const url = await benchDatabaseUrl(server.url);
  await migrateIfNeeded(url);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  const pool = new pg.Pool({ connectionString: url, max: 6 });
  pool.on("error", () => undefined); // idle clients see the server stop at the end
  let stopApp = () => undefined as void;
  try {
    await ensureLargeData(db);
    const creds = await benchCredentials(db);
    if (process.argv[2] === "load") {
      const secret = process.env.AUTH_SECRET ?? localSecrets().authSecret;
      const app = await startAppServer(
        { ...process.env, DATABASE_URL: url, AUTH_SECRET: secret, SHIPSHAPE_RATE_LIMIT_PER_MINUTE: "100000000" },
        say,
      );
      stopApp = app.stop;
      await loadTest(app.base, db, creds);
      return;
    }
    // The daily snapshot job over every service. Snapshots are immutable, so each run takes the day
    // before the oldest one already taken: fresh work every time, as the job does each night.
    const oldest = await db.serviceSnapshot.findFirst({ orderBy: { day: "asc" }, select: { day: true } });
    const asOf = new Date((oldest ? oldest.day.getTime() : Date.now()) - 1);
    const explaining = process.argv[2] === "explain";
    const snapshot = explaining
      ? { services: 0, teams: 0, day: "-", ms: 0, created: { services: 0, teams: 0 } }
      : await takeSnapshots(asOf, db);
    if (!explaining)
      say(
        `\nsnapshot job: ${snapshot.services.toLocaleString("en-US")} services and ${snapshot.teams} teams as of ${snapshot.day} in ${(snapshot.ms / 1000).toFixed(1)} s ` +
          `(${snapshot.created.services.toLocaleString("en-US")} service rows written; budget 60 s)`,
      );

    const secret = process.env.AUTH_SECRET ?? localSecrets().authSecret;
    // The bench measures capacity, so the per-token rate limit is lifted for its server (whose
    // background jobs are off, so that they do not compete with the measured requests).
    const server = await startAppServer(
      { ...process.env, DATABASE_URL: url, AUTH_SECRET: secret, SHIPSHAPE_RATE_LIMIT_PER_MINUTE: "100000000" },
      say,
    );
    stopApp = server.stop;
    const base = server.base;
    const cookie = await signIn(base, creds.email, creds.password);

    const teams = await db.team.findMany({
      orderBy: { slug: "asc" },
      select: { slug: true, services: { select: { id: true } } },
    });
    const allTeams = teams.map((t) => ({ slug: t.slug, serviceIds: t.services.map((s) => s.id) }));
    const ctx: BenchContext = {
      pools: pool,
      team: allTeams.find((t) => t.slug === "team-100") ?? allTeams[0],
      service: await db.service.findFirstOrThrow({
        where: { team: { slug: "team-100" } },
        orderBy: { slug: "asc" },
        select: { slug: true, id: true },
      }),
      allTeams,
      window: parsePagePeriod({}).window,
    };
    if (explaining) {
      await ensureMapping(pool, ctx, say);
      await explainAll(pool, ctx, say);
      return;
    }
    const counts = await pool.query(
      `select (select count(*) from "Team") teams, (select count(*) from "Service") services, (select count(*) from "Deployment") deployments, (select count(*) from "Incident") incidents`,
    );
    const c = counts.rows[0] as Record<string, string>;
    say(
      `\ndata: ${c.teams} teams, ${c.services} services, ${Number(c.deployments).toLocaleString("en-US")} deployments, ${Number(c.incidents).toLocaleString("en-US")} incidents`,
    );
    say(
      `${RUNS} requests per case after ${WARMUP} warm-ups; floor = the same aggregate through node-postgres, same database, same run.`,
    );

    const rows: string[][] = [];
    const results: Record<string, unknown> = {
      at: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
      runs: RUNS,
      data: {
        teams: Number(c.teams),
        services: Number(c.services),
        deployments: Number(c.deployments),
        incidents: Number(c.incidents),
      },
      snapshot: { services: snapshot.services, teams: snapshot.teams, ms: snapshot.ms },
    };
    const caseResults: Array<Record<string, unknown>> = [];
    for (const bc of BENCH_CASES) {
      const heavy = bc.name.includes("organisation");
      const runs = heavy ? Math.min(RUNS, 3) : RUNS;
      const warmup = heavy ? 1 : WARMUP;
      const headers: Record<string, string> =
        bc.auth === "token" ? { authorization: `Bearer ${creds.token}` } : bc.auth === "session" ? { cookie } : {};
      const appTime = await time(
        async () => {
          const res = await fetch(`${base}${bc.path(ctx)}`, { headers });
          if (!res.ok) throw new Error(`${bc.path(ctx)} answered ${res.status}`);
          await res.arrayBuffer();
        },
        runs,
        warmup,
      );
      const floor = await time(() => bc.floor(ctx), runs, warmup);
      caseResults.push({ name: bc.name, runs, app: appTime, floor, ratio: appTime.p50 / floor.p50 });
      rows.push([
        `${bc.name}${heavy ? ` (${runs} runs)` : ""}`,
        appTime.p50.toFixed(1),
        appTime.p95.toFixed(1),
        floor.p50.toFixed(1),
        floor.p95.toFixed(1),
        `${(appTime.p50 / floor.p50).toFixed(2)}×`,
      ]);
      say(`  ${rows.at(-1)?.join("  ")}`);
    }
    table(["case", "p50 ms", "p95 ms", "floor p50", "floor p95", "ratio p50"], rows);

    results.cases = caseResults;
    say("\nagainst DevLake's DORA dashboard SQL (tests/bench/peer/), on the same rows:");
    const peer = await compareWithDevLake({
      base,
      headers: { token: { authorization: `Bearer ${creds.token}` }, session: { cookie } },
      ctx,
      pool,
      time,
      runs: RUNS,
      say,
    });
    table(
      ["case", "Shipshape p50 ms", "p95", "DevLake p50 ms", "p95", "DevLake ÷ Shipshape"],
      peer.map((p) => [
        p.name,
        p.ours.p50.toFixed(1),
        p.ours.p95.toFixed(1),
        p.devlake.p50.toFixed(1),
        p.devlake.p95.toFixed(1),
        `${(p.devlake.p50 / p.ours.p50).toFixed(2)}×`,
      ]),
    );

    const ingest = await ingestionRate(
      base,
      creds.token,
      (await db.service.findFirstOrThrow({ where: { slug: "svc-1-1" }, select: { slug: true } })).slug,
    );
    say(
      `\ningestion: ${ingest.total.toLocaleString("en-US")} deployments in batches of 1,000 → ${Math.round(ingest.perSecond).toLocaleString("en-US")} deployments/s`,
    );
    const slos = await ensureBenchSlos(db);
    const sli = await sliIngest(base, creds.token, slos);
    say(
      `SLI ingest: one sample for each of ${slos.length.toLocaleString("en-US")} SLOs in ${sli.seconds.toFixed(1)} s → ${Math.round(sli.perSecond)} requests/s ` +
        `(needed: ${(slos.length / 300).toFixed(1)}/s, headroom ${(sli.perSecond / (slos.length / 300)).toFixed(0)}×); p50 ${sli.p50.toFixed(1)} ms, p95 ${sli.p95.toFixed(1)} ms`,
    );
    results.devlake = peer.map((p) => ({ ...p, devlakeOverShipshape: p.devlake.p50 / p.ours.p50 }));
    results.ingestion = { deploymentsPerSecond: ingest.perSecond, deployments: ingest.total };
    results.sli = sli;
    const out = path.resolve("tests/bench/results.json");
    fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    say(`\nresults written to ${path.relative(process.cwd(), out)}`);
  } finally {
    stopApp();
    await db.$disconnect();
    await pool.end();
    await server.release();
  }
}

void main();
