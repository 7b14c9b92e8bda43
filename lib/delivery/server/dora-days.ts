import "server-only";
import { reader } from "@/lib/core/db/replicas";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { DAY_MS, isoDate } from "@/lib/core/calendar";
import type { Window } from "@/lib/delivery/domain/dora";
import type { DoraFigures } from "@/lib/delivery/domain/dora-report";
import { EMPTY_FIGURES, figuresOf, type ScopeMembers } from "./dora-figures";
import {
  deliveryRows,
  incidentRows,
  keyWindowRows,
  parseDays,
  parseIncidents,
  type KeyDay,
  type KeyIncidents,
  type KeyWindow,
  type WindowQuery,
} from "./dora-days-rows";
import { getDoraFiguresByKey } from "./dora-sql";
import { scopeCte } from "./dora-sql-base";

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

/** The rollups of whole days in the span, summed per scope key and day; samples as comma-separated text. */
export const keyDaysSql = (s: ScopeMembers, span: Window) => Prisma.sql`
  with ${scopeCte(s)}
  select scope.key, dd.day, sum(dd.deployments)::int as deployments, sum(dd.rework)::int as rework,
         sum(dd.failed)::int as failed, sum(dd.undated)::int as undated, sum(cardinality(dd."codingMinutes"))::int as prs,
         string_agg(array_to_string(dd."leadMinutes", ','), ',') filter (where cardinality(dd."leadMinutes") > 0) as lead,
         string_agg(array_to_string(dd."codingMinutes", ','), ',') filter (where cardinality(dd."codingMinutes") > 0) as coding,
         string_agg(array_to_string(dd."reviewMinutes", ','), ',') filter (where cardinality(dd."reviewMinutes") > 0) as review,
         string_agg(array_to_string(dd."deployMinutes", ','), ',') filter (where cardinality(dd."deployMinutes") > 0) as deploy
  from "DeliveryDayCurrent" dd join scope on scope.service_id = dd."serviceId"
  where dd.day >= ${isoDate(span.from)}::date and dd.day < ${isoDate(span.to)}::date
  group by 1, 2`;

/**
 * The rollups of one window summed per scope key: its days with deployments (UTC days since the
 * epoch, one per service and day) and every sample, as comma-separated text.
 */
export const keyWindowSql = (s: ScopeMembers, w: Window) => Prisma.sql`
  with ${scopeCte(s)}
  select scope.key, sum(dd.deployments)::int as deployments, sum(dd.rework)::int as rework,
         sum(dd.failed)::int as failed, sum(dd.undated)::int as undated, sum(cardinality(dd."codingMinutes"))::int as prs,
         string_agg((dd.day - date '1970-01-01')::text, ',') as days,
         string_agg(array_to_string(dd."leadMinutes", ','), ',') filter (where cardinality(dd."leadMinutes") > 0) as lead,
         string_agg(array_to_string(dd."codingMinutes", ','), ',') filter (where cardinality(dd."codingMinutes") > 0) as coding,
         string_agg(array_to_string(dd."reviewMinutes", ','), ',') filter (where cardinality(dd."reviewMinutes") > 0) as review,
         string_agg(array_to_string(dd."deployMinutes", ','), ',') filter (where cardinality(dd."deployMinutes") > 0) as deploy
  from "DeliveryDayCurrent" dd join scope on scope.service_id = dd."serviceId"
  where dd.day >= ${isoDate(w.from)}::date and dd.day < ${isoDate(w.to)}::date
  group by 1`;

/** The same rows per service and day, unsummed: cheaper when the keys are about as many as the services. */
const serviceDaysSql = (serviceIds: string[], span: Window) => Prisma.sql`
  select dd."serviceId" as key, dd.day, dd.deployments, dd.rework, dd.failed, dd.undated,
         cardinality(dd."codingMinutes") as prs, nullif(array_to_string(dd."leadMinutes", ','), '') as lead,
         nullif(array_to_string(dd."codingMinutes", ','), '') as coding, nullif(array_to_string(dd."reviewMinutes", ','), '') as review,
         nullif(array_to_string(dd."deployMinutes", ','), '') as deploy
  from "DeliveryDayCurrent" dd
  where dd."serviceId" = any(${[...new Set(serviceIds)]}::uuid[]) and dd.day >= ${isoDate(span.from)}::date and dd.day < ${isoDate(span.to)}::date`;

/** The span's rows per scope key and day: summed in SQL when keys are few, else per service and keyed here. */
async function readDays(s: ScopeMembers, span: Window, db: PrismaClient, sumInSql?: boolean): Promise<KeyDay[]> {
  if (sumInSql ?? new Set(s.keys).size * 4 <= s.serviceIds.length) return db.$queryRaw<KeyDay[]>(keyDaysSql(s, span));
  const keyOf = new Map(s.serviceIds.map((id, i) => [id, s.keys[i]]));
  const rows = await db.$queryRaw<KeyDay[]>(serviceDaysSql(s.serviceIds, span));
  for (const r of rows) r.key = keyOf.get(r.key) ?? r.key;
  return rows;
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
 * for each, with the rollups read once. Keys without deployments or incidents get the empty figures
 * when they are in the scope; a window that is not whole UTC days takes the single-window path.
 * `sumInSql` chooses how the rows are read (by default: summed per key in SQL when keys are few).
 */
export async function getDoraFiguresForWindows(
  s: ScopeMembers,
  queries: WindowQuery[],
  db: PrismaClient = reader(),
  opts: { sumInSql?: boolean } = {},
): Promise<Array<Map<string, DoraFigures>>> {
  return (await doraForWindows(s, queries, db, opts)).figures;
}

/**
 * The same figures, with the span's incidents per scope key as read (the incidents started or
 * resolved in the span of the whole-day windows), for a page's other incident counts.
 */
export async function doraForWindows(
  s: ScopeMembers,
  queries: WindowQuery[],
  db: PrismaClient = reader(),
  opts: { sumInSql?: boolean } = {},
): Promise<{ figures: Array<Map<string, DoraFigures>>; incidents: Map<string, KeyIncidents> }> {
  if (s.serviceIds.length === 0 || queries.length === 0)
    return { figures: queries.map(() => new Map()), incidents: new Map() };
  const scopeOf = (q: WindowQuery): ScopeMembers => ({ serviceIds: s.serviceIds, keys: s.keys.map(q.group) });
  const aligned = queries.filter((q) => dayAligned(q.window));
  const span: Window | null =
    aligned.length === 0
      ? null
      : {
          from: new Date(Math.min(...aligned.map((q) => q.window.from.getTime()))),
          to: new Date(Math.max(...aligned.map((q) => q.window.to.getTime()))),
        };
  const fallback = queries.map((q, i) => ({ q, i })).filter(({ q }) => !dayAligned(q.window));
  const [rows, incidents, others] = await Promise.all([
    span ? readDays(s, span, db, opts.sumInSql) : Promise.resolve([]),
    span ? db.$queryRaw<Array<{ key: string; incidents: string }>>(keyIncidentsSql(s, span)) : Promise.resolve([]),
    Promise.all(fallback.map(({ q }) => getDoraFiguresByKey(scopeOf(q), q.window, db))),
  ]);
  const days = parseDays(rows);
  const incidentsByKey = parseIncidents(incidents);
  const otherOf = new Map(fallback.map(({ i }, j) => [i, others[j]]));
  const figures = queries.map((q, i) => {
    const other = otherOf.get(i);
    if (other) return other;
    const delivery = deliveryRows(days, q);
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
  const [rows, incidents] = await Promise.all([
    db.$queryRaw<KeyWindow[]>(keyWindowSql(s, w)),
    db.$queryRaw<Array<{ key: string; incidents: string }>>(keyIncidentsSql(s, w)),
  ]);
  const delivery = keyWindowRows(rows, w);
  const incBy = incidentRows(parseIncidents(incidents), { window: w, group: (key) => key });
  const out = new Map<string, DoraFigures>();
  for (const key of new Set(s.keys)) {
    const d = delivery.get(key);
    const inc = incBy.get(key);
    out.set(key, d || inc ? figuresOf({ ...inc, ...d }) : EMPTY_FIGURES);
  }
  return out;
}
