import "server-only";
import { prisma, primaryTransaction } from "@/lib/core/db/client";
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

/**
 * The samples' upsert and their rollups' deltas in one statement: the delta of a replaced sample is
 * its new values minus the old, so the statement must run after the SLO's lock (writeSamples), or
 * two writers of the same start would both subtract the same old row. Also marks the SLO for the
 * alert check. The rows travel as one JSON parameter.
 */
function upsertSamplesSql(sloId: string, rows: SampleInput[]): Prisma.Sql {
  const input = rows.map((r) => ({ s: r.start.toISOString(), d: r.durationSeconds, g: r.good, t: r.total }));
  return Prisma.sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as t(s timestamptz, d int, g bigint, t bigint)
    ),
    old as (
      select s.start, s."durationSeconds" as dur, s.good, s.total
      from "SliSample" s join input i on s.start = i.s
      -- Only the batch's span of the SLO's samples (an index range), not all 35 days of them.
      where s."sloId" = ${sloId}::uuid and s.start between (select min(s) from input) and (select max(s) from input)
    ),
    upserted as (
      insert into "SliSample" ("sloId", start, "durationSeconds", good, total, "receivedAt")
      select ${sloId}::uuid, s, d, g, t, now() from input
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
    ),
    rollups as (
      insert into "SliRollup" ("sloId", granularity, bucket, good, total, samples)
      select ${sloId}::uuid, g, bucket, good, total, n from buckets
      on conflict ("sloId", granularity, bucket) do update
        set good = "SliRollup".good + excluded.good, total = "SliRollup".total + excluded.total, samples = "SliRollup".samples + excluded.samples
    )
    update "Slo" set "samplesChangedAt" = now() where id = ${sloId}::uuid`;
}

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
  // Serialise writers of one SLO: each computes its rollup delta from the rows it replaces, so the
  // lock comes first, in a statement of its own (the upsert's snapshot is taken after it).
  const lock = Prisma.sql`select pg_advisory_xact_lock(hashtext(${`sli:${sloId}`}))`;
  const upsert = upsertSamplesSql(sloId, rows);
  if (db === prisma) {
    // The API's path: straight through node-postgres, three round trips and one commit.
    await primaryTransaction(async (query) => {
      await query(lock);
      await query(upsert);
    });
  } else {
    const run = async (tx: Prisma.TransactionClient) => {
      await tx.$executeRaw(lock);
      await tx.$executeRaw(upsert);
    };
    if ("$transaction" in db) await db.$transaction(run);
    else await run(db);
  }
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

/** Overlapping or touching [from, to) ranges of one SLO merged, so that each row is read once. */
function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = ranges.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * windowSums for many SLOs in one statement (the organisation's scorecards read thousands). SLOs
 * whose windows are the same (at one instant: those with the same window length) form a set, and
 * each set's windows and the merged ranges they read are sent once, not once per SLO. Each SLO's
 * raw samples, hourly and daily rollups are read once over its set's ranges, then matched to each
 * window: an SLO without data costs a few index probes.
 */
export async function windowSumsMany(
  slos: Array<{ sloId: string; windows: Array<{ name: string; from: number; to: number }> }>,
  db: PrismaClient = prisma,
): Promise<Map<string, Record<string, Sums>>> {
  type Plan = ReturnType<typeof windowPlan> & { name: string };
  const sets = new Map<string, { index: number; plans: Plan[] }>();
  const setOf = slos.map((slo) => {
    const signature = slo.windows.map((w) => `${w.name}:${w.from}:${w.to}`).join("|");
    let set = sets.get(signature);
    if (!set) {
      set = { index: sets.size, plans: slo.windows.map((w) => ({ name: w.name, ...windowPlan(w.from, w.to) })) };
      sets.set(signature, set);
    }
    return set.index;
  });
  const windows = [...sets.values()].flatMap((set) => set.plans.map((p) => ({ set: set.index, ...p })));
  // The ranges a set reads: raw samples that end in (a, hs] or (he, b] (a sample lasts at most an
  // hour, so it starts in (a − 1 h, hs] or (he − 1 h, b]: as [x + 1 ms, y + 1 ms), instants being
  // whole milliseconds), hourly buckets in [hs, ds) and [de, he), daily in [ds, de).
  const ranges = [...sets.values()].flatMap((set) => {
    const of = (kind: "r" | "h" | "d", list: Array<[number, number]>) =>
      mergeRanges(list).map(([from, to]) => ({ set: set.index, kind, from, to }));
    return [
      ...of(
        "r",
        set.plans.flatMap((p): Array<[number, number]> => [
          [p.a - HOUR + 1, p.hs + 1],
          [p.he - HOUR + 1, p.b + 1],
        ]),
      ),
      ...of(
        "h",
        set.plans.flatMap((p): Array<[number, number]> => [
          [p.hs, p.ds],
          [p.de, p.he],
        ]),
      ),
      ...of(
        "d",
        set.plans.map((p) => [p.ds, p.de]),
      ),
    ];
  });
  // Instants travel as epoch milliseconds (to_timestamp(ms / 1000.0) is exact to the microsecond).
  const ts = (f: (p: Plan) => number) => windows.map(f);
  const rows = await db.$queryRaw<Array<{ sloId: string; name: string; good: bigint; total: bigint; n: bigint }>>`
    with slos as materialized (
      select * from unnest(${slos.map((s) => s.sloId)}::uuid[], ${setOf}::int[]) as s(slo_id, set_id)
    ),
    w as materialized (
      select set_id, name, to_timestamp(a / 1000.0) as a, to_timestamp(b / 1000.0) as b, to_timestamp(hs / 1000.0) as hs,
             to_timestamp(he / 1000.0) as he, to_timestamp(ds / 1000.0) as ds, to_timestamp(de / 1000.0) as de
      from unnest(${windows.map((p) => p.set)}::int[], ${windows.map((p) => p.name)}::text[],
                  ${ts((p) => p.a)}::bigint[], ${ts((p) => p.b)}::bigint[], ${ts((p) => p.hs)}::bigint[],
                  ${ts((p) => p.he)}::bigint[], ${ts((p) => p.ds)}::bigint[], ${ts((p) => p.de)}::bigint[])
        as w(set_id, name, a, b, hs, he, ds, de)
    ),
    ranges as materialized (
      select s.slo_id, s.set_id, x.kind, to_timestamp(x.f / 1000.0) as f, to_timestamp(x.t / 1000.0) as t
      from unnest(${ranges.map((r) => r.set)}::int[], ${ranges.map((r) => r.kind)}::text[],
                  ${ranges.map((r) => r.from)}::bigint[], ${ranges.map((r) => r.to)}::bigint[]) as x(set_id, kind, f, t)
      join slos s using (set_id)
    ),
    data as (
      select x.slo_id, x.set_id, 'r' as kind, s.start, s.start + make_interval(secs => s."durationSeconds") as e,
             s.good, s.total, 1::bigint as n
      from ranges x join "SliSample" s on s."sloId" = x.slo_id and s.start >= x.f and s.start < x.t
      where x.kind = 'r'
      union all
      select x.slo_id, x.set_id, 'h', r.bucket, r.bucket, r.good, r.total, r.samples::bigint
      from ranges x join "SliRollup" r on r."sloId" = x.slo_id and r.granularity = 'hour' and r.bucket >= x.f and r.bucket < x.t
      where x.kind = 'h'
      union all
      select x.slo_id, x.set_id, 'd', r.bucket, r.bucket, r.good, r.total, r.samples::bigint
      from ranges x join "SliRollup" r on r."sloId" = x.slo_id and r.granularity = 'day' and r.bucket >= x.f and r.bucket < x.t
      where x.kind = 'd'
    )
    -- The same conditions as one window's own reads (raw edges, whole hours, whole days).
    select x.slo_id::text as "sloId", w.name, sum(x.good) as good, sum(x.total) as total, sum(x.n) as n
    from data x join w on w.set_id = x.set_id and (
      (x.kind = 'r' and x.start > w.a - interval '1 hour' and x.start <= w.b
        and ((x.e > w.a and x.e <= w.hs) or (x.e > w.he and x.e <= w.b)))
      or (x.kind = 'h' and ((x.start >= w.hs and x.start < w.ds) or (x.start >= w.de and x.start < w.he)))
      or (x.kind = 'd' and x.start >= w.ds and x.start < w.de))
    group by x.slo_id, w.name`;
  // Windows with no row have no data: zeros.
  const out = new Map<string, Record<string, Sums>>(
    slos.map((slo) => [
      slo.sloId,
      Object.fromEntries(slo.windows.map((w) => [w.name, { good: 0, total: 0, samples: 0 }])),
    ]),
  );
  for (const r of rows)
    (out.get(r.sloId) as Record<string, Sums>)[r.name] = {
      good: Number(r.good),
      total: Number(r.total),
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
