import "server-only";
import { reader } from "@/lib/core/db/replicas";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { DAY_MS, isoDate } from "@/lib/core/calendar";
import type { Window } from "@/lib/delivery/domain/dora";
import type { DoraFigures } from "@/lib/delivery/domain/dora-report";
import { EMPTY_FIGURES, figuresOf, type ScopeMembers } from "./dora-figures";
import {
  bucketRows,
  incidentRows,
  parseBuckets,
  parseIncidents,
  type KeyBucket,
  type KeyIncidents,
  type ParsedBucket,
  type WindowQuery,
} from "./dora-days-rows";
import { getDoraFiguresByKey } from "./dora-sql";
import { scopeCte } from "./dora-sql-base";
import { ROLLUPS_CURRENT, rollupSource } from "./rollup-source";

// DORA figures for several windows and groupings at once (the leadership page: each month of two
// periods for the organisation, both periods, and every team), from one read of the daily rollups.
// The rollups of the span are read once, summed per scope key and day in Postgres, and each window's
// figures are aggregated from those rows here: the same sums, and the same exact lower medians over
// every sample (./dora-sql.ts computes them in SQL for one window). The span's incidents are read
// once too, a compact list per scope key, and each window's recovery, restore and counts taken
// from it by the contract's definitions (./dora-sql.ts: windowIncidentsSql), in ./dora-days-rows.ts.
// tests/integration/dora-precomputed.test.ts holds this path to the definitions on random data.

export type { IncidentTotals, KeyIncidents, WindowQuery } from "./dora-days-rows";
export { incidentTotalsOf } from "./dora-days-rows";

const dayAligned = (w: Window) => w.from.getTime() % DAY_MS === 0 && w.to.getTime() % DAY_MS === 0;

/**
 * Every sample of the rows grouped, as comma-separated text: the rows keep theirs as text already
 * (generated columns, migration 20261207160000_delivery_day_text), and string_agg skips the nulls of
 * rows without any.
 */
const SAMPLES_TEXT = Prisma.sql`string_agg(dd."leadText", ',') as lead, string_agg(dd."codingText", ',') as coding,
         string_agg(dd."reviewText", ',') as review, string_agg(dd."deployText", ',') as deploy`;

/**
 * The rollups summed per scope key and bucket of days: bucket b holds the days in
 * [bounds[b − 1], bounds[b]) (bounds: ascending whole UTC days). Each row has its days with
 * deployments (UTC days since the epoch, once per service and day) and every sample, as text. A
 * page that needs many windows (each month of two periods, both periods, every team) reads one
 * row per key and stretch between two of its windows' edges, not one per key and day.
 */
export const keyBucketsSql = (s: ScopeMembers, bounds: Date[], source = ROLLUPS_CURRENT) => Prisma.sql`
  with ${scopeCte(s)}
  select scope.key, width_bucket(dd.day, ${bounds.map(isoDate)}::date[]) as bucket,
         sum(dd.deployments)::int as deployments, sum(dd.rework)::int as rework,
         sum(dd.failed)::int as failed, sum(dd.undated)::int as undated, sum(cardinality(dd."codingMinutes"))::int as prs,
         string_agg((dd.day - date '1970-01-01')::text, ',') as days,
         ${SAMPLES_TEXT}
  from ${source} dd join scope on scope.service_id = dd."serviceId"
  where dd.day >= ${isoDate(bounds[0])}::date and dd.day < ${isoDate(bounds[bounds.length - 1])}::date
  group by 1, 2`;

/** The buckets' rows, read from the table or the view (./rollup-source.ts) and parsed. */
async function readBuckets(s: ScopeMembers, bounds: Date[], db: PrismaClient): Promise<ParsedBucket[]> {
  const days = { from: isoDate(bounds[0]), to: isoDate(bounds[bounds.length - 1]) };
  const source = await rollupSource(db, days, s.serviceIds);
  return parseBuckets(await db.$queryRaw<KeyBucket[]>(keyBucketsSql(s, bounds, source)));
}

/**
 * The span's incidents (started or resolved in it) per scope key, each as
 * `started:resolved:linkedFinish:link` with instants in epoch milliseconds (empty when unknown) and
 * the link `e` (the named cause), `t` (by time) or empty.
 */
export const keyIncidentsSql = (s: ScopeMembers, span: Window) => Prisma.sql`
  with ${scopeCte(s)}
  select scope.key, string_agg(concat_ws(':',
           coalesce((extract(epoch from i."startedAt") * 1000)::bigint::text, ''),
           coalesce((extract(epoch from i."resolvedAt") * 1000)::bigint::text, ''),
           coalesce((extract(epoch from i."linkedFinishedAt") * 1000)::bigint::text, ''),
           case when i."linkedDeploymentId" is null then '' when i."causedByDeploymentId" is not null then 'e' else 't' end), ',') as incidents
  from "Incident" i join scope on scope.service_id = i."serviceId"
  where (i."startedAt" >= ${span.from} and i."startedAt" < ${span.to}) or (i."resolvedAt" >= ${span.from} and i."resolvedAt" < ${span.to})
  group by 1`;

/**
 * DORA figures for each window and grouping, in order: the same figures getDoraFiguresByKey gives
 * for each, with the rollups and incidents read once. Keys without deployments or incidents get the
 * empty figures when they are in the scope; a window that is not whole UTC days takes the
 * single-window path.
 */
export async function getDoraFiguresForWindows(
  s: ScopeMembers,
  queries: WindowQuery[],
  db: PrismaClient = reader(),
): Promise<Array<Map<string, DoraFigures>>> {
  return (await doraForWindows(s, queries, db)).figures;
}

/**
 * The same figures, with the span's incidents per scope key as read (the incidents started or
 * resolved in the span of the whole-day windows), for a page's other incident counts.
 */
export async function doraForWindows(
  s: ScopeMembers,
  queries: WindowQuery[],
  db: PrismaClient = reader(),
): Promise<{ figures: Array<Map<string, DoraFigures>>; incidents: Map<string, KeyIncidents> }> {
  if (s.serviceIds.length === 0 || queries.length === 0)
    return { figures: queries.map(() => new Map()), incidents: new Map() };
  const scopeOf = (q: WindowQuery): ScopeMembers => ({ serviceIds: s.serviceIds, keys: s.keys.map(q.group) });
  const aligned = queries.filter((q) => dayAligned(q.window));
  // Every aligned window's edges: each window is a run of the buckets between them.
  const bounds = [...new Set(aligned.flatMap((q) => [q.window.from.getTime(), q.window.to.getTime()]))].sort(
    (a, b) => a - b,
  );
  const span: Window | null =
    bounds.length < 2 ? null : { from: new Date(bounds[0]), to: new Date(bounds[bounds.length - 1]) };
  const fallback = queries.map((q, i) => ({ q, i })).filter(({ q }) => !dayAligned(q.window));
  const [rows, incidents, others] = await Promise.all([
    span
      ? readBuckets(
          s,
          bounds.map((b) => new Date(b)),
          db,
        )
      : Promise.resolve([]),
    span ? db.$queryRaw<Array<{ key: string; incidents: string }>>(keyIncidentsSql(s, span)) : Promise.resolve([]),
    Promise.all(fallback.map(({ q }) => getDoraFiguresByKey(scopeOf(q), q.window, db))),
  ]);
  const incidentsByKey = parseIncidents(incidents);
  const otherOf = new Map(fallback.map(({ i }, j) => [i, others[j]]));
  const figures = queries.map((q, i) => {
    const other = otherOf.get(i);
    if (other) return other;
    const delivery = bucketRows(rows, q, bounds);
    const incBy = incidentRows(incidentsByKey, q);
    const out = new Map<string, DoraFigures>();
    for (const key of new Set(scopeOf(q).keys)) {
      const d = delivery.get(key);
      const inc = incBy.get(key);
      out.set(key, d || inc ? figuresOf({ ...inc, ...d }) : EMPTY_FIGURES);
    }
    return out;
  });
  return { figures, incidents: incidentsByKey };
}

/**
 * DORA figures of every scope key over one window: the same figures as getDoraFiguresByKey, read as
 * one row of rollups per key (summed in SQL) and the window's incidents per key, and aggregated here.
 * At 2,000 keys (the organisation scorecards, one per service) the medians in SQL sort a million
 * samples together; here each key's few hundred are selected on their own. A window that is not
 * whole UTC days takes the SQL path.
 */
export async function getDoraFiguresOfKeys(
  s: ScopeMembers,
  w: Window,
  db: PrismaClient = reader(),
): Promise<Map<string, DoraFigures>> {
  if (s.serviceIds.length === 0) return new Map();
  if (!dayAligned(w)) return getDoraFiguresByKey(s, w, db);
  const bounds = [w.from, w.to];
  const [rows, incidents] = await Promise.all([
    readBuckets(s, bounds, db),
    db.$queryRaw<Array<{ key: string; incidents: string }>>(keyIncidentsSql(s, w)),
  ]);
  const delivery = bucketRows(rows, { window: w, group: (key) => key }, [w.from.getTime(), w.to.getTime()]);
  const incBy = incidentRows(parseIncidents(incidents), { window: w, group: (key) => key });
  const out = new Map<string, DoraFigures>();
  for (const key of new Set(s.keys)) {
    const d = delivery.get(key);
    const inc = incBy.get(key);
    out.set(key, d || inc ? figuresOf({ ...inc, ...d }) : EMPTY_FIGURES);
  }
  return out;
}
