import "server-only";
import { reader } from "@/lib/core/db/replicas";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { DAY_MS, isoDate, utcMonday, utcMonthStart } from "@/lib/core/calendar";
import type { Window } from "@/lib/delivery/domain/dora";
import { periodsOverlapping } from "@/lib/delivery/domain/dora";
import type { DoraFigures } from "@/lib/delivery/domain/dora-report";
import { EMPTY_FIGURES, figuresOf, type ScopeMembers, type SqlRow } from "./dora-figures";
import { getDoraFiguresByKey } from "./dora-sql";
import { scopeCte } from "./dora-sql-base";

// DORA figures for several windows and groupings at once (the leadership page: each month of two
// periods for the organisation, both periods, and every team), from one read of the daily rollups.
// The rollups of the span are read once, summed per scope key and day in Postgres, and each window's
// figures are aggregated from those rows here: the same sums, and the same exact lower medians over
// every sample (./dora-sql.ts computes them in SQL for one window). The span's incidents are read
// once too, a compact list per scope key, and each window's recovery, restore and counts taken
// from it by the contract's definitions (./dora-sql.ts: windowIncidentsSql). tests/integration/dora-windows.test.ts holds this
// path to that one on random data.

/** One window, and the key each scope key counts for in it (the identity, or one key for all). */
export type WindowQuery = { window: Window; group: (key: string) => string };

type KeyDay = {
  key: string;
  day: Date;
  deployments: number;
  rework: number;
  failed: number;
  undated: number;
  prs: number;
  lead: string | null;
  coding: string | null;
  review: string | null;
  deploy: string | null;
};

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
  from "DeliveryDay" dd join scope on scope.service_id = dd."serviceId"
  where dd.day >= ${isoDate(span.from)}::date and dd.day < ${isoDate(span.to)}::date
  group by 1, 2`;

/** The same rows per service and day, unsummed: cheaper when the keys are about as many as the services. */
const serviceDaysSql = (serviceIds: string[], span: Window) => Prisma.sql`
  select dd."serviceId" as key, dd.day, dd.deployments, dd.rework, dd.failed, dd.undated,
         cardinality(dd."codingMinutes") as prs, nullif(array_to_string(dd."leadMinutes", ','), '') as lead,
         nullif(array_to_string(dd."codingMinutes", ','), '') as coding, nullif(array_to_string(dd."reviewMinutes", ','), '') as review,
         nullif(array_to_string(dd."deployMinutes", ','), '') as deploy
  from "DeliveryDay" dd
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

/** A key's incidents as columns: instants in epoch milliseconds (NaN when unknown), and the link (0 none, 1 named cause, 2 by time). */
type KeyIncidents = { started: Float64Array; resolved: Float64Array; finished: Float64Array; link: Uint8Array };

export function parseIncidents(rows: Array<{ key: string; incidents: string }>): Map<string, KeyIncidents> {
  const at = (v: string) => (v === "" ? Number.NaN : Number(v));
  return new Map(
    rows.map((r) => {
      const list = r.incidents.split(",");
      const out: KeyIncidents = {
        started: new Float64Array(list.length),
        resolved: new Float64Array(list.length),
        finished: new Float64Array(list.length),
        link: new Uint8Array(list.length),
      };
      list.forEach((x, i) => {
        const [started, resolved, finished, link] = x.split(":");
        out.started[i] = at(started);
        out.resolved[i] = at(resolved);
        out.finished[i] = at(finished);
        out.link[i] = link === "e" ? 1 : link === "t" ? 2 : 0;
      });
      return [r.key, out];
    }),
  );
}

/** The incident columns of windowIncidentsSql (recovery, restore, incidents started) per key. */
export function incidentRows(byKey: Map<string, KeyIncidents>, q: WindowQuery): Map<string, Partial<SqlRow>> {
  const from = q.window.from.getTime();
  const to = q.window.to.getTime();
  // NaN (unknown) is inside no window
  const inside = (t: number) => t >= from && t < to;
  type Acc = {
    recovered: number[];
    restored: number[];
    unknown: number;
    open: number;
    explicit: number;
    time: number;
    n: number;
  };
  const acc = new Map<string, Acc>();
  for (const [key, list] of byKey) {
    const out = q.group(key);
    let a = acc.get(out);
    if (!a) {
      a = { recovered: [], restored: [], unknown: 0, open: 0, explicit: 0, time: 0, n: 0 };
      acc.set(out, a);
    }
    for (let i = 0; i < list.link.length; i++) {
      const started = list.started[i];
      const resolved = list.resolved[i];
      if (inside(resolved)) {
        if (!Number.isNaN(list.finished[i])) a.recovered.push(Math.trunc((resolved - list.finished[i]) / 60_000));
        if (Number.isNaN(started)) a.unknown++;
        else a.restored.push(Math.trunc((resolved - started) / 60_000));
      }
      if (inside(started)) {
        a.n++;
        if (Number.isNaN(resolved) || resolved >= to) a.open++;
        if (list.link[i] === 1) a.explicit++;
        if (list.link[i] === 2) a.time++;
      }
    }
  }
  const median = (values: number[]) => lowerMedianOf(values.length > 0 ? [Int32Array.from(values)] : []).median;
  return new Map(
    [...acc].map(([key, a]) => [
      key,
      {
        key,
        rec_median: median(a.recovered),
        rec_samples: a.recovered.length,
        ttr_median: median(a.restored),
        ttr_samples: a.restored.length,
        ttr_unknown: a.unknown,
        open: a.open,
        explicit: a.explicit,
        by_time: a.time,
        started: a.n,
      },
    ]),
  );
}

/** A (key, day) row with its samples parsed once, for every window that holds the day. */
type ParsedDay = Omit<KeyDay, "lead" | "coding" | "review" | "deploy"> & {
  lead: Int32Array;
  coding: Int32Array;
  review: Int32Array;
  deploy: Int32Array;
};

const NONE = new Int32Array(0);

function parseSamples(text: string | null): Int32Array {
  if (!text) return NONE;
  const parts = text.split(",");
  const out = new Int32Array(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = Number(parts[i]);
  return out;
}

export function parseDays(rows: KeyDay[]): ParsedDay[] {
  return rows.map((r) => ({
    ...r,
    lead: parseSamples(r.lead),
    coding: parseSamples(r.coding),
    review: parseSamples(r.review),
    deploy: parseSamples(r.deploy),
  }));
}

/** DevLake's lower median (index ceil(n/2) − 1 of the sorted values) over several sample arrays. */
function lowerMedianOf(chunks: Int32Array[]): { median: number | null; n: number } {
  let n = 0;
  for (const c of chunks) n += c.length;
  if (n === 0) return { median: null, n: 0 };
  const values = new Int32Array(n);
  let at = 0;
  for (const c of chunks) {
    values.set(c, at);
    at += c.length;
  }
  values.sort();
  return { median: values[Math.ceil(n / 2) - 1], n };
}

type Acc = {
  deployments: number;
  rework: number;
  failed: number;
  undated: number;
  prs: number;
  days: Set<number>;
  lead: Int32Array[];
  coding: Int32Array[];
  review: Int32Array[];
  deploy: Int32Array[];
};

/** The delivery columns of the SQL paths (deployments, deploy days and their medians, CFR, lead time) per key. */
export function deliveryRows(rows: ParsedDay[], q: WindowQuery): Map<string, Partial<SqlRow>> {
  const from = q.window.from.getTime();
  const to = q.window.to.getTime();
  const acc = new Map<string, Acc>();
  for (const r of rows) {
    const t = r.day.getTime();
    if (t < from || t >= to) continue;
    const key = q.group(r.key);
    let a = acc.get(key);
    if (!a) {
      a = {
        deployments: 0,
        rework: 0,
        failed: 0,
        undated: 0,
        prs: 0,
        days: new Set(),
        lead: [],
        coding: [],
        review: [],
        deploy: [],
      };
      acc.set(key, a);
    }
    a.deployments += r.deployments;
    a.rework += r.rework;
    a.failed += r.failed;
    a.undated += r.undated;
    a.prs += r.prs;
    a.days.add(t);
    if (r.lead.length > 0) a.lead.push(r.lead);
    if (r.coding.length > 0) a.coding.push(r.coding);
    if (r.review.length > 0) a.review.push(r.review);
    if (r.deploy.length > 0) a.deploy.push(r.deploy);
  }
  const weeks = periodsOverlapping(q.window, "week").map((d) => d.getTime());
  const months = periodsOverlapping(q.window, "month").map((d) => d.getTime());
  const medianDays = (days: Set<number>, periods: number[], start: (d: Date) => Date) => {
    const counts = new Map(periods.map((p) => [p, 0]));
    for (const d of days) {
      const p = start(new Date(d)).getTime();
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    const sorted = [...counts.values()].sort((x, y) => x - y);
    return sorted.length === 0 ? null : sorted[Math.ceil(sorted.length / 2) - 1];
  };
  const out = new Map<string, Partial<SqlRow>>();
  for (const [key, a] of acc) {
    const lead = lowerMedianOf(a.lead);
    out.set(key, {
      key,
      deployments: a.deployments,
      deploy_days: a.days.size,
      med_week: medianDays(a.days, weeks, utcMonday),
      med_month: medianDays(a.days, months, utcMonthStart),
      failed: a.failed,
      rework: a.rework,
      median: lead.median,
      samples: lead.n,
      coding: lowerMedianOf(a.coding).median,
      review: lowerMedianOf(a.review).median,
      deploy: lowerMedianOf(a.deploy).median,
      prs: a.prs,
      undated: a.undated,
    });
  }
  return out;
}

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
  if (s.serviceIds.length === 0 || queries.length === 0) return queries.map(() => new Map());
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
  return queries.map((q, i) => {
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
}
