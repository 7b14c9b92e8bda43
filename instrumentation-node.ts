import { serverEnv } from "@/lib/core/env";
import { logger } from "@/lib/core/logger";

// A missing or malformed setting stops start-up with one clear line, not a failure in some later request.
try {
  serverEnv();
} catch (error) {
  console.error(`[shipshape] ${(error as Error).message}`);
  process.exit(1);
}

// Built-in content (the shipped checklist templates) exists in every database, demo or not.
try {
  const { ensureBuiltInTemplates } = await import("@/lib/readiness/server");
  const imported = await ensureBuiltInTemplates();
  if (imported.length) logger.info({ templates: imported.map((t) => t.key) }, "imported built-in checklist templates");
} catch (error) {
  logger.error({ err: error }, "could not import the built-in checklist templates; is the database migrated?");
}
try {
  const { ensureBuiltInScorecards } = await import("@/lib/scorecards/server");
  const imported = await ensureBuiltInScorecards();
  if (imported.length) logger.info({ scorecards: imported.map((s) => s.key) }, "imported built-in scorecards");
} catch (error) {
  logger.error({ err: error }, "could not import the built-in scorecards; is the database migrated?");
}

// Notification webhook secrets are stored sealed; seal any left in plain text or under a retired key.
try {
  const { resealSecrets } = await import("@/lib/notifications/server");
  const { resealed, unreadable } = await resealSecrets();
  if (resealed) logger.info({ resealed }, "sealed notification webhook secrets with the current key");
  if (unreadable)
    logger.error({ unreadable }, "some webhook secrets cannot be opened; see SECURITY.md on key rotation");
} catch (error) {
  logger.error({ err: error }, "could not check the sealed webhook secrets; is the database migrated?");
}

// Background jobs (pg-boss in the same Postgres): daily snapshots, SLI retention, notifications;
// and the refresher that folds the writes' stale days into the daily delivery rollups.
if (serverEnv().SHIPSHAPE_JOBS === "1") {
  const [{ startRollupRefresher, rollupLag }, { onShutdown }, { provideMetricSource }] = await Promise.all([
    import("@/lib/delivery/server/rollup-refresh"),
    import("@/lib/core/shutdown"),
    import("@/lib/core/metrics"),
  ]);
  onShutdown("rollup-refresher", 1, startRollupRefresher());
  provideMetricSource({ rollups: () => rollupLag() });
  try {
    const { startJobs } = await import("@/lib/core/jobs");
    // pg-boss needs a session (LISTEN/NOTIFY, advisory locks): never through a transaction pooler.
    await startJobs(serverEnv().DIRECT_DATABASE_URL ?? serverEnv().DATABASE_URL);
  } catch (error) {
    logger.error({ err: error }, "could not start the background jobs; snapshots and notifications are paused");
  }
}
