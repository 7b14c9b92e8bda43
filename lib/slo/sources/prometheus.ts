// A Prometheus-compatible HTTP API (Prometheus, Thanos, Mimir, VictoriaMetrics) read as SLI buckets.
// Queries are Sloth's: per-second rates over `{{.window}}`. Each is evaluated with `query_range` at a
// 5-minute step with the window set to 5m, so the value at instant t is the rate over (t − 5m, t];
// times 300 s it is the bucket's count of events, rounded to a whole number.
import { z } from "zod";

export const BUCKET_SECONDS = 300;
/** Prometheus refuses more than 11,000 points per series; one request covers at most a day. */
export const MAX_STEPS_PER_REQUEST = 288;
const TIMEOUT_MS = 15_000;

export type PrometheusQueries = { goodQuery: string; totalQuery: string } | { errorQuery: string; totalQuery: string };

export type PrometheusTarget = { url: string; authorization: string | null };

/** A bucket read from Prometheus: its start (seconds) and its counts. */
export type PulledBucket = { start: number; good: number; total: number };

/** The error a source shows on its SLO; never stops the other sources. */
export class PrometheusError extends Error {}

const TEMPLATE = /\{\{\s*\.window\s*\}\}/g;

/** Sloth's `{{.window}}` placeholder filled in (a query without one is used as written). */
export function renderQuery(template: string, window = "5m"): string {
  return template.replace(TEMPLATE, window);
}

const ZMatrix = z.object({
  status: z.literal("success"),
  data: z.object({
    resultType: z.literal("matrix"),
    result: z.array(
      z.object({
        metric: z.record(z.string(), z.string()),
        values: z.array(z.tuple([z.number(), z.string()])),
      }),
    ),
  }),
});
const ZFailure = z.object({ status: z.literal("error"), errorType: z.string().optional(), error: z.string() });

/** The values of a one-series `query_range` answer by timestamp (seconds); no series is no data. */
export async function queryRange(
  target: PrometheusTarget,
  query: string,
  start: number,
  end: number,
): Promise<Map<number, number>> {
  const url = `${target.url.replace(/\/+$/, "")}/api/v1/query_range`;
  const body = new URLSearchParams({ query, start: String(start), end: String(end), step: String(BUCKET_SECONDS) });
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
        ...(target.authorization ? { authorization: target.authorization } : {}),
      },
      body,
      redirect: "error",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new PrometheusError(
      (error as Error).name === "TimeoutError"
        ? `no answer from ${target.url} within ${TIMEOUT_MS / 1000} s`
        : `cannot reach ${target.url}${cause ? ` (${cause})` : ""}`,
    );
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PrometheusError(`${target.url} answered HTTP ${res.status} that is not a Prometheus API answer`);
  }
  const failure = ZFailure.safeParse(parsed);
  if (failure.success) throw new PrometheusError(`Prometheus refused the query (${res.status}): ${failure.data.error}`);
  if (res.status === 401 || res.status === 403)
    throw new PrometheusError(`${target.url} refused the credentials (HTTP ${res.status})`);
  const matrix = ZMatrix.safeParse(parsed);
  if (!res.ok || !matrix.success)
    throw new PrometheusError(`${target.url} answered HTTP ${res.status} that is not a range-query result`);
  const series = matrix.data.data.result;
  if (series.length > 1)
    throw new PrometheusError(`the query returns ${series.length} series, not one: wrap it in sum(…)`);
  const out = new Map<number, number>();
  for (const [t, v] of series[0]?.values ?? []) {
    const value = Number(v);
    if (Number.isFinite(value)) out.set(Math.round(t), value);
  }
  return out;
}

const count = (rate: number) => Math.max(0, Math.round(rate * BUCKET_SECONDS));

/**
 * The buckets ending at each 5-minute instant in (from, to] (seconds, multiples of 300), read in
 * requests of at most a day. A bucket without a total is missing (a gap, re-read later); with
 * `errorQuery`, a missing error value where the total is known counts 0 errors (Prometheus has no
 * series for an error that never happened); with `goodQuery`, a missing good value is a gap.
 */
export async function readBuckets(
  target: PrometheusTarget,
  queries: PrometheusQueries,
  from: number,
  to: number,
): Promise<{ buckets: PulledBucket[]; missing: number[] }> {
  const buckets: PulledBucket[] = [];
  const missing: number[] = [];
  const total = renderQuery(queries.totalQuery);
  const part = "goodQuery" in queries ? renderQuery(queries.goodQuery) : renderQuery(queries.errorQuery);
  for (let chunkStart = from + BUCKET_SECONDS; chunkStart <= to; chunkStart += MAX_STEPS_PER_REQUEST * BUCKET_SECONDS) {
    const chunkEnd = Math.min(to, chunkStart + (MAX_STEPS_PER_REQUEST - 1) * BUCKET_SECONDS);
    const [totals, parts] = await Promise.all([
      queryRange(target, total, chunkStart, chunkEnd),
      queryRange(target, part, chunkStart, chunkEnd),
    ]);
    for (let t = chunkStart; t <= chunkEnd; t += BUCKET_SECONDS) {
      const tot = totals.get(t);
      const p = parts.get(t);
      if (tot === undefined || ("goodQuery" in queries && p === undefined)) {
        missing.push(t - BUCKET_SECONDS);
        continue;
      }
      const totalCount = count(tot);
      const good = "goodQuery" in queries ? count(p ?? 0) : totalCount - count(p ?? 0);
      buckets.push({ start: t - BUCKET_SECONDS, good: Math.min(totalCount, Math.max(0, good)), total: totalCount });
    }
  }
  return { buckets, missing };
}
