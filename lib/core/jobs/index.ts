import "server-only";
import PgBoss from "pg-boss";
import { logger } from "@/lib/core/logger";
import { DELIVERY_RETRIES } from "@/lib/notifications/domain";
import { isoDate } from "@/lib/core/calendar";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { metrics, provideMetricSource } from "@/lib/core/metrics";
import { onShutdown } from "@/lib/core/shutdown";

// Background work on pg-boss, in the same Postgres (its own `pgboss` schema; no Redis):
//   snapshot-daily   00:10 UTC   scorecard/DORA/SLO snapshots of every service and team (and at boot
//                                when today has none yet);
//   sli-prune        03:30 UTC   raw SLI samples and hourly rollups past their retention;
//   notify-scan      hourly      level drops, SLO status changes, waivers expiring, initiatives overdue;
//   notify-deliver   on demand   one outgoing webhook, retried with exponential backoff;
//   notify-sweep     every minute queues new outbox rows (written with the change that caused them);
//   leadership-warm  every 15 min recomputes the Leadership page's default view (and at boot) into
//                                the shared view cache, so readers on every replica rarely wait;
//   slo-pull         every 5 min  reads pulled SLOs' Prometheus sources (one failing source never
//                                stops the others), then checks their alerts;
//   notify-digest    Mon 08:00 UTC the weekly digest per team (failing rules, next levels, changes,
//                                expiring waivers and exemptions), once per team per week;
//   slo-alerts       every minute re-evaluates SLOs whose samples changed (pushed or pulled) and
//                                notifies when one starts burning or exhausts its budget.
// Every handler is idempotent, so pg-boss's at-least-once delivery is safe. Across replicas each job
// runs once: pg-boss hands a job to one worker, its cron fires once per minute cluster-wide, and the
// start-up jobs are singletons (per day, per five minutes) whichever replica sends them first.
// Each run logs one line (job, id, duration, and the request id that caused it, if any) and is
// timed in /metrics.

export const QUEUES = {
  snapshot: "snapshot-daily",
  prune: "sli-prune",
  scan: "notify-scan",
  deliver: "notify-deliver",
  sweep: "notify-sweep",
  warm: "leadership-warm",
  pull: "slo-pull",
  alerts: "slo-alerts",
  catalog: "catalog-sync",
  digest: "notify-digest",
} as const;

const globalForBoss = globalThis as unknown as {
  shipshapeBoss?: Promise<PgBoss>;
  shipshapeJobsState?: "starting" | "running" | "failed" | "stopping";
};

/** Whether this process's job runner is up (for /api/ready); "off" when it was never started. */
export function jobsState(): "off" | "starting" | "running" | "failed" | "stopping" {
  return globalForBoss.shipshapeJobsState ?? "off";
}

/** The running job system of this process, if it was started (the Next.js server starts it). */
export function runningBoss(): Promise<PgBoss> | undefined {
  return globalForBoss.shipshapeBoss;
}

export function createBoss(connectionString: string): PgBoss {
  const boss = new PgBoss({ connectionString, schema: "pgboss", max: 3, application_name: "shipshape-jobs" });
  boss.on("error", (err) => logger.error({ err }, "job system error"));
  return boss;
}

type Queue = (typeof QUEUES)[keyof typeof QUEUES];
type JobData = { requestId?: string | null };

/** Registers a handler that is logged, timed and counted; a throw is logged and rethrown for retry. */
async function work<T extends object>(
  boss: PgBoss,
  name: Queue,
  options: PgBoss.WorkOptions,
  run: (data: T & JobData) => Promise<Record<string, unknown> | void>,
): Promise<void> {
  await boss.work<T & JobData>(name, { ...options, batchSize: 1 }, async ([job]) => {
    const log = logger.child({
      job: name,
      jobId: job.id,
      ...(job.data?.requestId ? { requestId: job.data.requestId } : {}),
    });
    const started = performance.now();
    try {
      const result = await run(job.data ?? ({} as T));
      const seconds = (performance.now() - started) / 1000;
      metrics().jobDuration.observe({ job: name, result: "ok" }, seconds);
      log.info({ ms: Math.round(seconds * 1000), ...(result ?? {}) }, "job done");
    } catch (err) {
      const seconds = (performance.now() - started) / 1000;
      metrics().jobDuration.observe({ job: name, result: "failed" }, seconds);
      metrics().jobFailures.inc({ job: name });
      log.error({ ms: Math.round(seconds * 1000), err }, "job failed");
      throw err;
    }
  });
}

async function deliver(boss: PgBoss, deliveries: { id: string; requestId: string | null }[]) {
  for (const { id, requestId } of deliveries) {
    await boss.send(
      QUEUES.deliver,
      { id, requestId },
      { singletonKey: id, retryLimit: DELIVERY_RETRIES, retryDelay: 30, retryBackoff: true },
    );
  }
}

/** Creates the queues and schedules, and registers the handlers. */
export async function registerJobs(boss: PgBoss): Promise<void> {
  for (const name of Object.values(QUEUES)) {
    // "short": at most one queued job per key, so re-queuing a delivery that is waiting is a no-op.
    await boss.createQueue(name, { name, policy: name === QUEUES.deliver ? "short" : "standard" });
  }
  await boss.schedule(
    QUEUES.snapshot,
    "10 0 * * *",
    {},
    { tz: "UTC", singletonKey: "daily", retryLimit: 3, retryDelay: 300 },
  );
  await boss.schedule(QUEUES.prune, "30 3 * * *", {}, { tz: "UTC" });
  await boss.schedule(QUEUES.scan, "5 * * * *", {}, { tz: "UTC" });
  await boss.schedule(QUEUES.sweep, "* * * * *", {}, { tz: "UTC" });
  await boss.schedule(QUEUES.warm, "*/15 * * * *", {}, { tz: "UTC" });
  await boss.schedule(QUEUES.pull, "*/5 * * * *", {}, { tz: "UTC", singletonKey: "pull" });
  await boss.schedule(QUEUES.alerts, "* * * * *", {}, { tz: "UTC" });
  await boss.schedule(QUEUES.digest, "0 8 * * 1", {}, { tz: "UTC", singletonKey: "digest" });
  // Hourly when a catalog is configured (CATALOG_SYNC_URL); otherwise no schedule is left behind.
  if (process.env.CATALOG_SYNC_URL) await boss.schedule(QUEUES.catalog, "17 * * * *", {}, { tz: "UTC" });
  else await boss.unschedule(QUEUES.catalog);

  await work(boss, QUEUES.digest, {}, async () => {
    const { sendWeeklyDigests } = await import("@/lib/notifications/server");
    const run = await sendWeeklyDigests();
    return { week: run.week, teams: run.teams.length, queued: run.teams.reduce((n, t) => n + t.queued, 0) };
  });
  await work(boss, QUEUES.snapshot, {}, async () => {
    const { takeSnapshots } = await import("@/lib/scorecards/server");
    const started = performance.now();
    const run = await takeSnapshots();
    metrics().snapshotDuration.observe((performance.now() - started) / 1000);
    return run;
  });
  await work(boss, QUEUES.prune, {}, async () => {
    const [{ pruneSli }, { pruneViewCache }] = await Promise.all([
      import("@/lib/slo/server"),
      import("@/lib/core/db/view-cache"),
    ]);
    return { ...(await pruneSli()), views: await pruneViewCache() };
  });
  await work(boss, QUEUES.warm, {}, async () => {
    const [{ loadLeadership }, { parseLeadershipPeriod }] = await Promise.all([
      import("@/lib/leadership/server"),
      import("@/lib/leadership/domain"),
    ]);
    await loadLeadership(SYSTEM_ACTOR, parseLeadershipPeriod({}), { fresh: true });
  });
  await work(boss, QUEUES.pull, {}, async () => {
    const [{ pullAllSources }, { checkSloAlerts }] = await Promise.all([
      import("@/lib/slo/server"),
      import("@/lib/notifications/server"),
    ]);
    const pulled = await pullAllSources();
    return { ...pulled, alerts: (await checkSloAlerts()).queued };
  });
  await work(boss, QUEUES.catalog, {}, async () => {
    const { configuredCatalogSource, syncCatalog } = await import("@/lib/catalog/server");
    const source = configuredCatalogSource();
    if (!source) return { skipped: "CATALOG_SYNC_URL is not set" };
    const run = await syncCatalog(SYSTEM_ACTOR, source);
    return {
      created: run.created,
      updated: run.updated,
      archived: run.archived,
      problems: run.problems.length,
      error: run.error,
    };
  });
  await work(boss, QUEUES.alerts, {}, async () => {
    const { checkSloAlerts } = await import("@/lib/notifications/server");
    return checkSloAlerts();
  });
  await work(boss, QUEUES.scan, {}, async () => {
    const { scanForNotifications } = await import("@/lib/notifications/server");
    return { queued: (await scanForNotifications()).queued };
  });
  await work(boss, QUEUES.sweep, {}, async () => {
    const { strandedDeliveries } = await import("@/lib/notifications/server");
    const stranded = await strandedDeliveries(0);
    await deliver(boss, stranded);
    return { queued: stranded.length };
  });
  await work<{ id: string }>(boss, QUEUES.deliver, {}, async ({ id }) => {
    const { deliverNotification } = await import("@/lib/notifications/server");
    await deliverNotification(id);
    return { delivery: id };
  });
  provideMetricSource({
    queueDepths: async () =>
      Object.fromEntries(
        await Promise.all(Object.values(QUEUES).map(async (q) => [q, await boss.getQueueSize(q)] as const)),
      ),
  });
}

const START_ATTEMPTS = 6;

async function startOnce(connectionString: string): Promise<PgBoss> {
  const boss = createBoss(connectionString);
  try {
    await boss.start();
    await registerJobs(boss);
    const { latestSnapshotDay } = await import("@/lib/scorecards/server");
    const today = isoDate(new Date());
    // Singletons: replicas starting together queue one snapshot (per day, within pg-boss's longest
    // throttle of 12 hours) and one warm-up per five minutes.
    if ((await latestSnapshotDay()) !== today)
      await boss.send(QUEUES.snapshot, {}, { singletonKey: `boot-${today}`, singletonSeconds: 43_200 });
    await boss.send(QUEUES.warm, {}, { singletonKey: "boot", singletonSeconds: 300 });
    return boss;
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw error;
  }
}

/**
 * Starts the job system once per process and takes today's snapshot if it is missing. Replicas that
 * start together can deadlock while creating pg-boss's queues, and the database may be restarting:
 * a failed start is retried with backoff (about a minute in all) before the runner reports failed.
 */
export function startJobs(connectionString: string): Promise<PgBoss> {
  globalForBoss.shipshapeJobsState ??= "starting";
  globalForBoss.shipshapeBoss ??= (async () => {
    onShutdown("jobs", 1, () => stopJobs());
    for (let attempt = 1; ; attempt++) {
      try {
        const boss = await startOnce(connectionString);
        logger.info({ queues: Object.values(QUEUES), attempt }, "background jobs started");
        globalForBoss.shipshapeJobsState = "running";
        return boss;
      } catch (err) {
        if (attempt >= START_ATTEMPTS || globalForBoss.shipshapeJobsState === "stopping") throw err;
        const retryInMs = Math.round(Math.min(20_000, 500 * 2 ** attempt) * (0.5 + Math.random()));
        logger.warn({ err, attempt, retryInMs }, "could not start the background jobs; retrying");
        await new Promise((r) => setTimeout(r, retryInMs));
      }
    }
  })();
  globalForBoss.shipshapeBoss.catch(() => {
    globalForBoss.shipshapeJobsState = "failed";
  });
  return globalForBoss.shipshapeBoss;
}

/** Stops taking jobs, lets running ones finish (up to the timeout), and closes the job system's pool. */
export async function stopJobs(timeoutMs = 20_000): Promise<void> {
  if (!globalForBoss.shipshapeBoss) return;
  globalForBoss.shipshapeJobsState = "stopping"; // a start still retrying gives up
  const boss = await globalForBoss.shipshapeBoss.catch(() => undefined);
  if (!boss) return;
  await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
  logger.info("background jobs stopped");
}
