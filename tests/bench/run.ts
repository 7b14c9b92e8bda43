// `npm run bench`: starts the app on the benchmark database (the org-scale `seed large` data set in a
// database of its own on the project's server, seeded on first run), then times each endpoint against
// its floor — the same aggregate through node-postgres — in the same run, and measures ingestion.
// Prints p50/p95 and ratios; asserts nothing. After the full run at scale 1, the cases run again on the
// data set at scales 0.01 and 0.1, for the scaling ratios. `npm run bench -- --scale 0.1` runs the
// whole bench at one scale instead. `npm run bench load` runs the load test instead, and
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
import { drainDeliveryDays, rollupLag, startRollupRefresher } from "@/lib/delivery/server/rollup-refresh";
import { releaseOnInterrupt } from "@/lib/cli/context";
import type { BenchContext } from "./cases";
import { benchCredentials, ensureLargeData, say, signIn, table } from "./setup";
import { CASE_HEAD, caseRow, time, timeCases, type CaseResult } from "./timing";
import {
  deploymentIngest,
  ensureBenchSlos,
  peakRssMiB,
  sliBatchIngest,
  sliIngest,
  webhookIngest,
  type Rate,
} from "./throughput";
import { browserTimings } from "./browser";
import { loadTest } from "./load";
import { compareWithDevLake, ensureMapping } from "./peer/compare";
import { explainAll } from "./explain";

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WARMUP = 5;
const scaleArg = process.argv.indexOf("--scale");
const SCALE = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 1;
const mode = process.argv[2] === "load" || process.argv[2] === "explain" ? process.argv[2] : "bench";
const timer = (fn: () => Promise<unknown>, runs = RUNS, warmup = WARMUP) => time(fn, runs, warmup);

type Scale = Awaited<ReturnType<typeof openScale>>;

/** One scale's data set, migrated and loaded, with the app started on it and signed in. */
async function openScale(projectUrl: string, scale: number) {
  const url = await benchDatabaseUrl(projectUrl, scale);
  await migrateIfNeeded(url);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  const pool = new pg.Pool({ connectionString: url, max: 6 });
  pool.on("error", () => undefined); // idle clients see the server stop at the end
  await ensureLargeData(db, scale);
  // The data set is the seed's: what earlier runs' ingestion cases wrote (some 25,000 deployments on
  // their day, which would pile up run after run) goes, and every day it touched is folded into
  // the rollups again, as the refresher does on a running install.
  await pool.query(`delete from "Deployment" where source <> 'seed'`);
  await drainDeliveryDays(db, { wait: true });
  const creds = await benchCredentials(db);
  const teams = await db.team.findMany({
    orderBy: { slug: "asc" },
    select: { slug: true, services: { select: { id: true } } },
  });
  const allTeams = teams.map((t) => ({ slug: t.slug, serviceIds: t.services.map((s) => s.id) }));
  const team = allTeams.find((t) => t.slug === "team-100") ?? allTeams[0];
  const ctx: BenchContext = {
    pools: pool,
    team,
    service: await db.service.findFirstOrThrow({
      where: { team: { slug: team.slug } },
      orderBy: { slug: "asc" },
      select: { slug: true, id: true },
    }),
    allTeams,
    window: parsePagePeriod({}).window,
  };
  let app: Awaited<ReturnType<typeof startAppServer>> | null = null;
  const webhookSecret = crypto.randomBytes(16).toString("hex");
  return {
    scale,
    url,
    db,
    pool,
    creds,
    ctx,
    webhookSecret,
    /** The app on this database. The bench measures capacity, so the per-token rate limit is lifted (and background jobs are off). */
    async start() {
      const secret = process.env.AUTH_SECRET ?? localSecrets().authSecret;
      app = await startAppServer(
        {
          ...process.env,
          DATABASE_URL: url,
          AUTH_SECRET: secret,
          SHIPSHAPE_RATE_LIMIT_PER_MINUTE: "100000000",
          GITHUB_WEBHOOK_SECRET: webhookSecret,
        },
        say,
      );
      const cookie = await signIn(app.base, creds.email, creds.password);
      const headersFor = (auth: "none" | "token" | "session"): Record<string, string> =>
        auth === "token" ? { authorization: `Bearer ${creds.token}` } : auth === "session" ? { cookie } : {};
      return { base: app.base, pid: app.pid, cookie, headersFor };
    },
    async close() {
      app?.stop();
      await db.$disconnect();
      await pool.end();
    },
  };
}

/**
 * The rollup refresher at work beside the ingestion cases, sampled four times a second: the most
 * (service, day) pairs waiting and the oldest one's age, then how long it takes to drain once the
 * writes stop.
 */
function watchRefresher(db: PrismaClient) {
  const stopRefresher = startRollupRefresher({ db });
  let maxPairs = 0;
  let maxLagSeconds = 0;
  const sample = async () => {
    const lag = await rollupLag(db);
    maxPairs = Math.max(maxPairs, lag.pairs);
    if (lag.oldestMarkedAt) maxLagSeconds = Math.max(maxLagSeconds, (Date.now() - lag.oldestMarkedAt.getTime()) / 1000);
    return lag;
  };
  const timer = setInterval(() => void sample().catch(() => undefined), 250);
  return {
    async stop() {
      const writesDone = Date.now();
      while ((await sample()).pairs > 0) await new Promise((r) => setTimeout(r, 100));
      const catchUpSeconds = (Date.now() - writesDone) / 1000;
      clearInterval(timer);
      await stopRefresher();
      return { maxPairs, maxLagSeconds, catchUpSeconds };
    },
  };
}

const rateLine = (what: string, r: Rate, unit: string) =>
  `${what}: ${Math.round(r.perSecond).toLocaleString("en-US")} ${unit}/s; floor ${Math.round(r.floorPerSecond).toLocaleString("en-US")}/s; ${(r.shareOfFloor * 100).toFixed(0)}% of the floor`;

async function main() {
  const server = await openDatabase();
  releaseOnInterrupt(server.release);
  const open: Scale[] = [];
  try {
    const main = await openScale(server.url, SCALE);
    open.push(main);
    const { db, pool, ctx, creds } = main;
    if (mode === "load") {
      const app = await main.start();
      await loadTest(app.base, db, creds);
      return;
    }
    if (mode === "explain") {
      await ensureMapping(pool, ctx, say);
      await explainAll(pool, ctx, say);
      return;
    }
    // The daily snapshot job over every service. Snapshots are immutable, so each run takes the day
    // before the oldest one already taken: fresh work every time, as the job does each night.
    const oldest = await db.serviceSnapshot.findFirst({ orderBy: { day: "asc" }, select: { day: true } });
    const snapshot = await takeSnapshots(new Date((oldest ? oldest.day.getTime() : Date.now()) - 1), db);
    say(
      `\nsnapshot job: ${snapshot.services.toLocaleString("en-US")} services and ${snapshot.teams} teams as of ${snapshot.day} in ${(snapshot.ms / 1000).toFixed(1)} s ` +
        `(${snapshot.created.services.toLocaleString("en-US")} service rows written; budget 60 s)`,
    );
    const app = await main.start();
    const counts = await pool.query(
      `select (select count(*) from "Team") teams, (select count(*) from "Service") services, (select count(*) from "Deployment") deployments, (select count(*) from "Incident") incidents`,
    );
    const c = counts.rows[0] as Record<string, string>;
    say(
      `\ndata (scale ${SCALE}): ${c.teams} teams, ${c.services} services, ${Number(c.deployments).toLocaleString("en-US")} deployments, ${Number(c.incidents).toLocaleString("en-US")} incidents`,
    );
    say(
      `${RUNS} requests per case after ${WARMUP} warm-ups ("cold" is each case's first request); floor = the same aggregate through node-postgres, same database, same run.`,
    );
    const results: Record<string, unknown> = {
      at: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
      runs: RUNS,
      scale: SCALE,
      data: {
        teams: Number(c.teams),
        services: Number(c.services),
        deployments: Number(c.deployments),
        incidents: Number(c.incidents),
      },
      snapshot: { services: snapshot.services, teams: snapshot.teams, ms: snapshot.ms },
    };
    const slos = await ensureBenchSlos(db); // 4,000 SLOs, which the scorecard cases read too
    const cases = await timeCases(app.base, app.headersFor, ctx, RUNS, WARMUP);
    table(CASE_HEAD, cases.map(caseRow));
    results.cases = cases;

    say("\nagainst DevLake's DORA dashboard SQL (tests/bench/peer/), on the same rows:");
    const peer = await compareWithDevLake({
      base: app.base,
      headers: { token: app.headersFor("token"), session: app.headersFor("session") },
      ctx,
      pool,
      time: timer,
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
    results.devlake = peer.map((p) => ({ ...p, devlakeOverShipshape: p.devlake.p50 / p.ours.p50 }));

    say("\ningestion, each beside a raw multi-row INSERT through node-postgres into the same tables:");
    const ingestServices = await db.service.findMany({ orderBy: { slug: "asc" }, select: { id: true, slug: true } });
    // The rollup refresher runs throughout, as it does beside any install (here in the bench's
    // process: the app runs no jobs); how far it falls behind, and how soon it catches up, is measured.
    const refresher = watchRefresher(db);
    const deployments = await deploymentIngest(app.base, creds.token, ingestServices, pool);
    say(`  ${rateLine("deployments in batches of 1,000, across every service", deployments, "deployments")}`);
    const webhooks = await webhookIngest(app.base, main.webhookSecret, db, pool);
    const lag = await refresher.stop(); // the last case that writes deployments
    say(
      `  ${rateLine("GitHub deployment_status deliveries for 100 repositories, 8 in flight", webhooks, "deliveries")}`,
    );
    const sloRow = await db.slo.findFirstOrThrow({
      where: { name: "bench-availability", service: { slug: slos[0].service } },
      select: { id: true },
    });
    const sliBatches = await sliBatchIngest(app.base, creds.token, { ...slos[0], sloId: sloRow.id }, pool);
    say(`  ${rateLine("SLI samples in batches of 1,000", sliBatches, "samples")}`);
    const sli = await sliIngest(app.base, creds.token, slos);
    say(
      `  SLI, one sample for each of ${slos.length.toLocaleString("en-US")} SLOs, a request each: ${Math.round(sli.perSecond)} requests/s ` +
        `(needed: ${(slos.length / 300).toFixed(1)}/s); p50 ${sli.p50.toFixed(1)} ms, p95 ${sli.p95.toFixed(1)} ms`,
    );
    say(
      `  daily rollups: at most ${lag.maxPairs.toLocaleString("en-US")} (service, day) pairs waited for the refresher (the oldest ${lag.maxLagSeconds.toFixed(1)} s); ` +
        `all folded in ${lag.catchUpSeconds.toFixed(1)} s after the last write`,
    );
    results.ingestion = { deployments, webhooks, sliBatches, rollups: lag };
    results.sli = sli;

    say("\npages in Chromium (1440 × 900, 5 loads each):");
    const pages = await browserTimings(app.base, app.cookie, [
      { name: "overview", path: "/" },
      { name: "team", path: `/teams/${ctx.team.slug}` },
      { name: "service", path: `/services/${ctx.service.slug}` },
    ]);
    table(
      ["page", "LCP p50 ms", "LCP p95 ms", "CLS max", "JS KiB gzip"],
      pages.map((p) => [p.name, p.lcpP50.toFixed(0), p.lcpP95.toFixed(0), p.clsMax.toFixed(3), p.jsKiBGzip.toFixed(0)]),
    );
    results.browser = pages;
    const rss = peakRssMiB(app.pid);
    say(`\nthe app server's peak RSS over the run: ${rss === null ? "unknown" : `${rss.toFixed(0)} MiB`}`);
    results.peakRssMiB = rss;
    await main.close();
    open.pop();

    if (scaleArg < 0) {
      // The same cases on the data set at 0.01 and 0.1 of the size: what each costs as the organisation grows.
      const byScale: Record<string, CaseResult[]> = { "1": cases };
      for (const scale of [0.01, 0.1]) {
        say(`\nscale ${scale}:`);
        const small = await openScale(server.url, scale);
        open.push(small);
        const smallApp = await small.start();
        byScale[String(scale)] = await timeCases(smallApp.base, smallApp.headersFor, small.ctx, RUNS, WARMUP);
        await small.close();
        open.pop();
      }
      const scaling = cases.map((r, i) => ({
        name: r.name,
        p50: { "0.01": byScale["0.01"][i].app.p50, "0.1": byScale["0.1"][i].app.p50, "1": r.app.p50 },
        ratio1Over001: r.app.p50 / byScale["0.01"][i].app.p50,
      }));
      table(
        ["case", "p50 ms at 0.01", "at 0.1", "at 1", "1 ÷ 0.01"],
        scaling.map((x) => [
          x.name,
          x.p50["0.01"].toFixed(1),
          x.p50["0.1"].toFixed(1),
          x.p50["1"].toFixed(1),
          `${x.ratio1Over001.toFixed(2)}×`,
        ]),
      );
      results.scaling = scaling;
    }
    const out = path.resolve(SCALE === 1 ? "tests/bench/results.json" : `tests/bench/results-scale-${SCALE}.json`);
    fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    say(`\nresults written to ${path.relative(process.cwd(), out)}`);
  } finally {
    for (const o of open) await o.close().catch(() => undefined);
    await server.release();
  }
}

void main();
