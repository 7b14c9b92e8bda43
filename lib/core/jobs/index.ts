import "server-only";
import PgBoss from "pg-boss";
import { logger } from "@/lib/core/logger";
import { DELIVERY_RETRIES } from "@/lib/notifications/domain";
import { isoDate } from "@/lib/core/calendar";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";

// Background work on pg-boss, in the same Postgres (its own `pgboss` schema; no Redis):
//   snapshot-daily   00:10 UTC   scorecard/DORA/SLO snapshots of every service and team (and at boot
//                                when today has none yet);
//   sli-prune        03:30 UTC   raw SLI samples and hourly rollups past their retention;
//   notify-scan      hourly      level drops, SLO status changes, waivers expiring, initiatives overdue;
//   notify-deliver   on demand   one outgoing webhook, retried with exponential backoff;
//   notify-sweep     every minute queues new outbox rows (written with the change that caused them);
//   leadership-warm  every 15 min recomputes the Leadership page's default view (and at boot), so it
//                                is served from memory.
// Every handler is idempotent, so pg-boss's at-least-once delivery is safe.

export const QUEUES = {
  snapshot: "snapshot-daily",
  prune: "sli-prune",
  scan: "notify-scan",
  deliver: "notify-deliver",
  sweep: "notify-sweep",
  warm: "leadership-warm",
} as const;

const globalForBoss = globalThis as unknown as {
  shipshapeBoss?: Promise<PgBoss>;
  shipshapeJobsState?: "starting" | "running" | "failed";
};

/** Whether this process's job runner is up (for /api/ready); "off" when it was never started. */
export function jobsState(): "off" | "starting" | "running" | "failed" {
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

async function deliver(boss: PgBoss, ids: string[]) {
  for (const id of ids) {
    await boss.send(
      QUEUES.deliver,
      { id },
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

  await boss.work(QUEUES.snapshot, async () => {
    const { takeSnapshots } = await import("@/lib/scorecards/server");
    const run = await takeSnapshots();
    logger.info(run, "daily snapshots taken");
  });
  await boss.work(QUEUES.prune, async () => {
    const { pruneSli } = await import("@/lib/slo/server");
    logger.info(await pruneSli(), "SLI retention applied");
  });
  await boss.work(QUEUES.warm, async () => {
    const [{ loadLeadership }, { parseLeadershipPeriod }] = await Promise.all([
      import("@/lib/leadership/server"),
      import("@/lib/leadership/domain"),
    ]);
    const started = Date.now();
    await loadLeadership(SYSTEM_ACTOR, parseLeadershipPeriod({}), { fresh: true });
    logger.info({ ms: Date.now() - started }, "leadership view recomputed");
  });
  await boss.work(QUEUES.scan, async () => {
    const { scanForNotifications } = await import("@/lib/notifications/server");
    const result = await scanForNotifications();
    if (result.queued) logger.info({ queued: result.queued }, "notifications queued");
  });
  await boss.work(QUEUES.sweep, async () => {
    const { strandedDeliveries } = await import("@/lib/notifications/server");
    await deliver(boss, await strandedDeliveries(0));
  });
  await boss.work<{ id: string }>(QUEUES.deliver, { batchSize: 1 }, async ([job]) => {
    const { deliverNotification } = await import("@/lib/notifications/server");
    await deliverNotification(job.data.id);
  });
}

/** Starts the job system once per process and takes today's snapshot if it is missing. */
export function startJobs(connectionString: string): Promise<PgBoss> {
  globalForBoss.shipshapeJobsState ??= "starting";
  globalForBoss.shipshapeBoss ??= (async () => {
    const boss = createBoss(connectionString);
    await boss.start();
    await registerJobs(boss);
    const { latestSnapshotDay } = await import("@/lib/scorecards/server");
    const today = isoDate(new Date());
    if ((await latestSnapshotDay()) !== today) await boss.send(QUEUES.snapshot, {}, { singletonKey: `boot-${today}` });
    await boss.send(QUEUES.warm, {});
    logger.info({ queues: Object.values(QUEUES) }, "background jobs started");
    globalForBoss.shipshapeJobsState = "running";
    return boss;
  })();
  globalForBoss.shipshapeBoss.catch(() => {
    globalForBoss.shipshapeJobsState = "failed";
  });
  return globalForBoss.shipshapeBoss;
}
