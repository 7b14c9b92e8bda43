import "server-only";
import { prisma } from "@/lib/core/db/client";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import {
  BURN_WINDOWS,
  DAY,
  HOUR,
  windowStart,
  type BurnWindow,
  type SloWindowSpec,
  type Sums,
} from "@/lib/slo/domain/slo";

// SLI samples and their rollups. Raw samples (5-minute by default) are kept 35 days; hourly rollups
// 400 days; daily rollups for good. A rollup bucket h holds the samples whose data ends in (h, h + 1h]
// (or the day), so a window (a, b] sums: raw samples at its ragged edges, whole hours, whole days.
// Rollups change in the same statement as the samples, so they can never drift. Each write marks
// the SLO for the alert check.

export const RAW_RETENTION_DAYS = 35;
export const HOURLY_RETENTION_DAYS = 400;

export type SampleInput = { start: Date; durationSeconds: number; good: number; total: number };

/** Inserts or replaces (same start) samples of one SLO and applies the difference to its rollups. */
export async function writeSamples(
  sloId: string,
  samples: SampleInput[],
  db: PrismaClient | Prisma.TransactionClient = prisma,
): Promise<number> {
  if (samples.length === 0) return 0;
  // The last of several samples with the same start wins.
  const byStart = new Map(samples.map((s) => [s.start.getTime(), s]));
  const rows = [...byStart.values()];
  const run = async (tx: Prisma.TransactionClient) => {
    // Serialise writers of one SLO: each computes its rollup delta from the rows it replaces.
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`sli:${sloId}`}))`;
    await tx.$executeRaw`
      with input as (
        select * from unnest(${rows.map((r) => r.start.toISOString())}::timestamptz[], ${rows.map((r) => r.durationSeconds)}::int[],
                             ${rows.map((r) => r.good)}::bigint[], ${rows.map((r) => r.total)}::bigint[]) as t(start, dur, good, total)
      ),
      old as (
        select s.start, s."durationSeconds" as dur, s.good, s.total
        from "SliSample" s join input i on s."sloId" = ${sloId}::uuid and s.start = i.start
      ),
      upserted as (
        insert into "SliSample" ("sloId", start, "durationSeconds", good, total, "receivedAt")
        select ${sloId}::uuid, start, dur, good, total, now() from input
        on conflict ("sloId", start) do update set "durationSeconds" = excluded."durationSeconds", good = excluded.good, total = excluded.total, "receivedAt" = now()
        returning start, "durationSeconds" as dur, good, total
      ),
      delta as (
        select start + make_interval(secs => dur) - interval '1 microsecond' as last_instant, good, total, 1 as n from upserted
        union all
        select start + make_interval(secs => dur) - interval '1 microsecond', -good, -total, -1 from old
      ),
      buckets as (
        select 'hour'::"RollupGranularity" as g, date_trunc('hour', last_instant, 'UTC') as bucket, sum(good) as good, sum(total) as total, sum(n) as n from delta group by 2
        union all
        select 'day'::"RollupGranularity", date_trunc('day', last_instant, 'UTC'), sum(good), sum(total), sum(n) from delta group by 2
      )
      insert into "SliRollup" ("sloId", granularity, bucket, good, total, samples)
      select ${sloId}::uuid, g, bucket, good, total, n from buckets
      on conflict ("sloId", granularity, bucket) do update
        set good = "SliRollup".good + excluded.good, total = "SliRollup".total + excluded.total, samples = "SliRollup".samples + excluded.samples`;
    // The alert check (every minute) re-evaluates this SLO.
    await tx.$executeRaw`update "Slo" set "samplesChangedAt" = now() where id = ${sloId}::uuid`;
  };
  if ("$transaction" in db) await db.$transaction(run);
  else await run(db);
  return rows.length;
}

/** Recomputes every rollup of the given SLOs from raw samples (seeding, repairs). */
export async function rebuildRollups(sloIds: string[], db: PrismaClient = prisma): Promise<void> {
  await db.$executeRaw`delete from "SliRollup" where "sloId" = any(${sloIds}::uuid[])`;
  await db.$executeRaw`
    insert into "SliRollup" ("sloId", granularity, bucket, good, total, samples)
    select "sloId", g, bucket, sum(good), sum(total), count(*) from (
      select "sloId", 'hour'::"RollupGranularity" as g, date_trunc('hour', start + make_interval(secs => "durationSeconds") - interval '1 microsecond', 'UTC') as bucket, good, total
      from "SliSample" where "sloId" = any(${sloIds}::uuid[])
      union all
      select "sloId", 'day'::"RollupGranularity", date_trunc('day', start + make_interval(secs => "durationSeconds") - interval '1 microsecond', 'UTC'), good, total
      from "SliSample" where "sloId" = any(${sloIds}::uuid[])
    ) x group by "sloId", g, bucket`;
}

const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;
const ceilTo = (t: number, unit: number) => Math.ceil(t / unit) * unit;

/** Splits (a, b] into raw edges, whole hours and whole days (bucket lower bounds, half-open ranges). */
export function windowPlan(a: number, b: number) {
  let hs = ceilTo(a, HOUR);
  let he = floorTo(b, HOUR);
  if (hs >= he) hs = he = b; // no whole hour inside: all raw
  let ds = ceilTo(hs, DAY);
  let de = floorTo(he, DAY);
  if (ds >= de) ds = de = he; // no whole day inside
  return { a, b, hs, he, ds, de };
}

/** Σgood, Σtotal and sample presence for each named window of one SLO, through the rollups. */
export async function windowSums(
  sloId: string,
  windows: Array<{ name: string; from: number; to: number }>,
  db: PrismaClient = prisma,
): Promise<Record<string, Sums>> {
  return (await windowSumsMany([{ sloId, windows }], db)).get(sloId) ?? {};
}

/** windowSums for many SLOs in one statement (the organisation's scorecards read thousands). */
export async function windowSumsMany(
  slos: Array<{ sloId: string; windows: Array<{ name: string; from: number; to: number }> }>,
  db: PrismaClient = prisma,
): Promise<Map<string, Record<string, Sums>>> {
  const plans = slos.flatMap((slo) =>
    slo.windows.map((w) => ({ sloId: slo.sloId, name: w.name, ...windowPlan(w.from, w.to) })),
  );
  const d = (f: (p: (typeof plans)[number]) => number) => plans.map((p) => new Date(f(p)).toISOString());
  const rows = await db.$queryRaw<
    Array<{ sloId: string; name: string; good: bigint | null; total: bigint | null; n: bigint }>
  >`
    with w as (
      select * from unnest(${plans.map((p) => p.sloId)}::uuid[], ${plans.map((p) => p.name)}::text[],
                           ${d((p) => p.a)}::timestamptz[], ${d((p) => p.b)}::timestamptz[],
                           ${d((p) => p.hs)}::timestamptz[], ${d((p) => p.he)}::timestamptz[], ${d((p) => p.ds)}::timestamptz[], ${d((p) => p.de)}::timestamptz[])
        as w(slo_id, name, a, b, hs, he, ds, de)
    )
    select w.slo_id::text as "sloId", w.name,
           coalesce(r.good, 0) + coalesce(h.good, 0) + coalesce(dd.good, 0) as good,
           coalesce(r.total, 0) + coalesce(h.total, 0) + coalesce(dd.total, 0) as total,
           r.n + h.n + dd.n as n
    from w
    cross join lateral (
      select sum(s.good) as good, sum(s.total) as total, count(*) as n from "SliSample" s
      where s."sloId" = w.slo_id and s.start > w.a - interval '1 hour' and s.start <= w.b
        and ((s.start + make_interval(secs => s."durationSeconds") > w.a and s.start + make_interval(secs => s."durationSeconds") <= w.hs)
          or (s.start + make_interval(secs => s."durationSeconds") > w.he and s.start + make_interval(secs => s."durationSeconds") <= w.b))
    ) r
    cross join lateral (
      select sum(good) as good, sum(total) as total, coalesce(sum(samples), 0) as n from "SliRollup"
      where "sloId" = w.slo_id and granularity = 'hour' and ((bucket >= w.hs and bucket < w.ds) or (bucket >= w.de and bucket < w.he))
    ) h
    cross join lateral (
      select sum(good) as good, sum(total) as total, coalesce(sum(samples), 0) as n from "SliRollup"
      where "sloId" = w.slo_id and granularity = 'day' and bucket >= w.ds and bucket < w.de
    ) dd`;
  const out = new Map<string, Record<string, Sums>>(slos.map((slo) => [slo.sloId, {}]));
  for (const r of rows)
    (out.get(r.sloId) as Record<string, Sums>)[r.name] = {
      good: Number(r.good ?? 0),
      total: Number(r.total ?? 0),
      samples: Number(r.n),
    };
  return out;
}

/** Every window the SLO object needs, at instant `at`. */
export async function sloSums(
  sloId: string,
  window: SloWindowSpec,
  at: Date,
  db: PrismaClient = prisma,
): Promise<Record<BurnWindow | "window", Sums>> {
  return (await windowSums(sloId, sloWindows(window, at), db)) as Record<BurnWindow | "window", Sums>;
}

/** The burn windows and the SLO's own window (rolling or calendar month), ending at `at`. */
export function sloWindows(
  window: SloWindowSpec,
  at: Date,
): Array<{ name: BurnWindow | "window"; from: number; to: number }> {
  const t = at.getTime();
  return [
    ...(Object.entries(BURN_WINDOWS) as Array<[BurnWindow, number]>).map(([name, ms]) => ({
      name,
      from: t - ms,
      to: t,
    })),
    { name: "window" as const, from: windowStart(window, t), to: t },
  ];
}

/** Rollup rows in a range, for charts: hourly burn rates and the daily burn-down. */
export async function rollupSeries(sloId: string, granularity: "hour" | "day", from: Date, to: Date) {
  const rows = await prisma.sliRollup.findMany({
    where: { sloId, granularity, bucket: { gte: from, lt: to } },
    orderBy: { bucket: "asc" },
    select: { bucket: true, good: true, total: true },
  });
  return rows.map((r) => ({ bucket: r.bucket, good: Number(r.good), total: Number(r.total) }));
}

/** Drops raw samples and hourly rollups past their retention (daily rollups are kept). */
export async function pruneSli(now = new Date()): Promise<{ samples: number; hourly: number }> {
  const samples = await prisma.sliSample.deleteMany({
    where: { start: { lt: new Date(now.getTime() - RAW_RETENTION_DAYS * DAY) } },
  });
  const hourly = await prisma.sliRollup.deleteMany({
    where: { granularity: "hour", bucket: { lt: new Date(now.getTime() - HOURLY_RETENTION_DAYS * DAY) } },
  });
  return { samples: samples.count, hourly: hourly.count };
}
