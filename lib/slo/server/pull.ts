import "server-only";
import { prisma } from "@/lib/core/db/client";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { notFound } from "@/lib/core/errors";
import { logger } from "@/lib/core/logger";
import { openSecret } from "@/lib/core/secret-box";
import { DAY } from "@/lib/slo/domain/slo";
import {
  BUCKET_SECONDS,
  PrometheusError,
  readBuckets,
  type PrometheusQueries,
  type PrometheusTarget,
} from "@/lib/slo/sources/prometheus";
import { serverEnv } from "@/lib/core/env";
import { RAW_RETENTION_DAYS, writeSamples } from "./sli";

// Pulled SLIs. Each run reads the 5-minute buckets from the source's cursor (or, for a new source,
// from the start of the raw retention) to the last complete bucket, writes them as SLI samples (a
// repeated start replaces the sample, so a re-read is harmless), and moves the cursor. The last
// quarter of an hour is always read again, for late scrapes; a bucket Prometheus had no value for in
// the last six hours holds the cursor back, so the gap is read again on the next run. A failure is
// kept on the source with its time, and the cursor stays where it was.

/** Buckets read again on every run, for scrapes and remote writes that arrive late. */
const REREAD_SECONDS = 15 * 60;
/** How far back a gap holds the cursor; older gaps are history that Prometheus does not have. */
const GAP_HOLD_SECONDS = 6 * 3600;
/** A bucket is complete this long after it ends (one scrape interval of slack). */
const SETTLE_SECONDS = 60;

export type PullOutcome =
  | { sloId: string; ok: true; written: number; missing: number; from: Date; to: Date }
  | { sloId: string; ok: false; error: string };

const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;
const ceilTo = (t: number, unit: number) => Math.ceil(t / unit) * unit;

function queriesOf(s: { goodQuery: string | null; errorQuery: string | null; totalQuery: string }): PrometheusQueries {
  return s.goodQuery !== null
    ? { goodQuery: s.goodQuery, totalQuery: s.totalQuery }
    : { errorQuery: s.errorQuery ?? "", totalQuery: s.totalQuery };
}

/** Where a source reads from: its own URL and credentials, or the server's PROMETHEUS_URL. */
function targetOf(source: { url: string | null; authSealed: string | null }): PrometheusTarget {
  if (source.url) return { url: source.url, authorization: source.authSealed ? openSecret(source.authSealed) : null };
  const env = serverEnv();
  if (!env.PROMETHEUS_URL)
    throw new PrometheusError("this SLO names no Prometheus URL and the server has no PROMETHEUS_URL");
  return { url: env.PROMETHEUS_URL, authorization: env.PROMETHEUS_AUTHORIZATION ?? null };
}

/** Reads one SLO's source up to `now`; never throws for what the source answers. */
export async function pullSource(sloId: string, now = new Date()): Promise<PullOutcome> {
  const source = await prisma.sloSource.findUnique({ where: { sloId } });
  if (!source) return { sloId, ok: false, error: "this SLO has no source" };
  const nowS = Math.floor(now.getTime() / 1000);
  const to = floorTo(nowS - SETTLE_SECONDS, BUCKET_SECONDS);
  const oldest = ceilTo(nowS - (RAW_RETENTION_DAYS * DAY) / 1000, BUCKET_SECONDS);
  const cursor = source.cursor ? Math.floor(source.cursor.getTime() / 1000) : oldest;
  const from = Math.max(oldest, Math.min(cursor, to - REREAD_SECONDS));
  try {
    const { buckets, missing } = await readBuckets(targetOf(source), queriesOf(source), from, to);
    const written = await writeSamples(
      sloId,
      buckets.map((b) => ({
        start: new Date(b.start * 1000),
        durationSeconds: BUCKET_SECONDS,
        good: b.good,
        total: b.total,
      })),
    );
    const heldBy = missing.find((m) => m >= to - GAP_HOLD_SECONDS);
    await prisma.sloSource.update({
      where: { sloId },
      data: {
        cursor: new Date((heldBy ?? to) * 1000),
        lastRunAt: now,
        lastSuccessAt: now,
        lastError: null,
        lastWritten: written,
        lastMissing: missing.length,
      },
    });
    return { sloId, ok: true, written, missing: missing.length, from: new Date(from * 1000), to: new Date(to * 1000) };
  } catch (error) {
    const message =
      error instanceof PrometheusError ? error.message : `could not read the source: ${(error as Error).message}`;
    if (!(error instanceof PrometheusError)) logger.error({ err: error, sloId }, "SLI pull failed");
    await prisma.sloSource.update({
      where: { sloId },
      data: { lastRunAt: now, lastError: message, lastErrorAt: now },
    });
    return { sloId, ok: false, error: message };
  }
}

/** Every source, one after another; a failing source is recorded and the others still run. */
export async function pullAllSources(now = new Date()): Promise<{ pulled: number; failed: number }> {
  const sources = await prisma.sloSource.findMany({ select: { sloId: true }, orderBy: { createdAt: "asc" } });
  let failed = 0;
  for (const { sloId } of sources) {
    const outcome = await pullSource(sloId, now);
    if (!outcome.ok) failed++;
  }
  return { pulled: sources.length - failed, failed };
}

/** A pull asked for by a user (the "test" button and `POST /api/v1/slos/{id}/source/pull`). */
export async function pullNow(sloId: string, actor: Actor): Promise<PullOutcome> {
  const slo = await prisma.slo.findUnique({ where: { id: sloId }, select: { service: { select: { teamId: true } } } });
  if (!slo) throw notFound("SLO");
  authorize(actor, "source.manage", { teamId: slo.service.teamId }, "pull this SLO's source");
  if (!(await prisma.sloSource.findUnique({ where: { sloId }, select: { sloId: true } })))
    throw notFound("Source of this SLO");
  return pullSource(sloId);
}
