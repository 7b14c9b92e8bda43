import quickselect from "quickselect";
import type { Window } from "@/lib/delivery/domain/dora";
import { lowerMedian, periodsOverlapping } from "@/lib/delivery/domain/dora";
import { DAY_MS } from "@/lib/core/calendar";
import type { SqlRow } from "./dora-figures";

// The rows the organisation pages read (./dora-days.ts), and each window's figures from them: the
// delivery columns from the rollups per key and day, the incident columns from the span's incidents
// per key, in the shape both SQL paths return (./dora-figures.ts: figuresOf). Pure: no database.

/** One window, and the key each scope key counts for in it (the identity, or one key for all). */
export type WindowQuery = { window: Window; group: (key: string) => string };

/**
 * One scope key's rollups over one bucket of days (./dora-days.ts: keyBucketsSql), summed in SQL: its
 * days with deployments (UTC days since the epoch, once per service and day) and every sample, as
 * comma-separated text. Bucket b holds the days in [bounds[b − 1], bounds[b]).
 */
export type KeyBucket = {
  key: string;
  bucket: number;
  deployments: number;
  rework: number;
  failed: number;
  undated: number;
  prs: number;
  days: string;
  lead: string | null;
  coding: string | null;
  review: string | null;
  deploy: string | null;
};

/** A key's incidents as columns: instants in epoch milliseconds (NaN when unknown), and the link (0 none, 1 named cause, 2 by time). */
export type KeyIncidents = { started: Float64Array; resolved: Float64Array; finished: Float64Array; link: Uint8Array };

export function parseIncidents(rows: Array<{ key: string; incidents: string }>): Map<string, KeyIncidents> {
  return new Map(rows.map((r) => [r.key, parseIncidentList(r.incidents)]));
}

/**
 * `started:resolved:linkedFinish:link,…` read in one pass over the characters (a half-year of the
 * organisation is some 150,000 incidents: no string per field). Instants are whole epoch
 * milliseconds, empty when unknown (NaN).
 */
function parseIncidentList(text: string): KeyIncidents {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) n++;
  const out: KeyIncidents = {
    started: new Float64Array(n),
    resolved: new Float64Array(n),
    finished: new Float64Array(n),
    link: new Uint8Array(n),
  };
  const instants = [out.started, out.resolved, out.finished];
  let row = 0;
  let field = 0;
  let value = 0;
  let digits = 0;
  let sign = 1;
  const endField = () => {
    if (field < 3) instants[field][row] = digits === 0 ? Number.NaN : sign * value;
    value = 0;
    digits = 0;
    sign = 1;
    field++;
  };
  for (let i = 0; i <= text.length; i++) {
    const c = i === text.length ? 44 : text.charCodeAt(i);
    if (c === 44) {
      if (field < 3) endField();
      row++;
      field = 0;
    } else if (c === 58) endField();
    else if (field === 3)
      out.link[row] = c === 101 ? 1 : c === 116 ? 2 : 0; // "e": named cause, "t": by time
    else if (c === 45) sign = -1;
    else {
      value = value * 10 + (c - 48);
      digits++;
    }
  }
  return out;
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

export type IncidentTotals = { incidents: number; downtimeMinutes: number };

/**
 * Incidents that started in the window and their downtime (resolution, or while open the earlier of
 * `now` and the window's end, minus the start), per bucket of (scope key, start in epoch ms): the
 * organisation pages' incident counts, from the incidents they read once for their DORA figures.
 */
export function incidentTotalsOf(
  byKey: Map<string, KeyIncidents>,
  w: Window,
  bucket: (key: string, started: number) => string,
  now: number,
): Map<string, IncidentTotals> {
  const from = w.from.getTime();
  const to = w.to.getTime();
  const openUntil = Math.min(now, to);
  const acc = new Map<string, { n: number; ms: number }>();
  for (const [key, list] of byKey) {
    for (let i = 0; i < list.started.length; i++) {
      const started = list.started[i];
      if (!(started >= from && started < to)) continue; // NaN (unknown) is in no window
      const b = bucket(key, started);
      const a = acc.get(b) ?? { n: 0, ms: 0 };
      a.n++;
      a.ms += (Number.isNaN(list.resolved[i]) ? openUntil : list.resolved[i]) - started;
      acc.set(b, a);
    }
  }
  return new Map([...acc].map(([b, a]) => [b, { incidents: a.n, downtimeMinutes: Math.round(a.ms / 60_000) }]));
}

/** A bucket row with its days and samples parsed once, for every window that holds the bucket. */
export type ParsedBucket = {
  key: string;
  bucket: number;
  deployments: number;
  rework: number;
  failed: number;
  undated: number;
  prs: number;
  days: number[];
  lead: Int32Array;
  coding: Int32Array;
  review: Int32Array;
  deploy: Int32Array;
};

const NONE = new Int32Array(0);

/** Comma-separated integers (minutes, as PostgreSQL prints them) into an array, without a string per value. */
function parseSamples(text: string | null): Int32Array {
  if (!text) return NONE;
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) n++;
  const out = new Int32Array(n);
  let k = 0;
  let value = 0;
  let sign = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      out[k++] = sign * value;
      value = 0;
      sign = 1;
    } else if (c === 45) sign = -1;
    else value = value * 10 + (c - 48);
  }
  out[k] = sign * value;
  return out;
}

export function parseBuckets(rows: KeyBucket[]): ParsedBucket[] {
  return rows.map((r) => ({
    key: r.key,
    bucket: r.bucket,
    deployments: r.deployments,
    rework: r.rework,
    failed: r.failed,
    undated: r.undated,
    prs: r.prs,
    days: Array.from(parseSamples(r.days), (d) => d * DAY_MS),
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
  // Selects the element a sort would put at the median's index, in linear time (a window of the
  // organisation holds up to a million samples); quickselect only reads, swaps and compares by
  // index, which a typed array supports as an array does.
  const k = Math.ceil(n / 2) - 1;
  quickselect(values as unknown as number[], k);
  return { median: values[k], n };
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

const emptyAcc = (): Acc => ({
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
});

/**
 * The delivery columns of the SQL paths (deployments, deploy days and their medians, CFR, lead time)
 * per key of the window's grouping, from the buckets the window is made of (`bounds` in epoch
 * milliseconds: every window's edges are among them).
 */
export function bucketRows(rows: ParsedBucket[], q: WindowQuery, bounds: number[]): Map<string, Partial<SqlRow>> {
  const from = q.window.from.getTime();
  const to = q.window.to.getTime();
  const acc = new Map<string, Acc>();
  for (const r of rows) {
    if (bounds[r.bucket - 1] < from || bounds[r.bucket] > to) continue;
    const key = q.group(r.key);
    let a = acc.get(key);
    if (!a) {
      a = emptyAcc();
      acc.set(key, a);
    }
    a.deployments += r.deployments;
    a.rework += r.rework;
    a.failed += r.failed;
    a.undated += r.undated;
    a.prs += r.prs;
    for (const d of r.days) a.days.add(d);
    if (r.lead.length > 0) a.lead.push(r.lead);
    if (r.coding.length > 0) a.coding.push(r.coding);
    if (r.review.length > 0) a.review.push(r.review);
    if (r.deploy.length > 0) a.deploy.push(r.deploy);
  }
  return deliveryColumns(acc, q.window);
}

function deliveryColumns(acc: Map<string, Acc>, window: Window): Map<string, Partial<SqlRow>> {
  const weeks = periodsOverlapping(window, "week").map((d) => d.getTime());
  const months = periodsOverlapping(window, "month").map((d) => d.getTime());
  // Deploy days per calendar week and month (zero where none): each day counts for the last period
  // that starts by it (the periods cover the window, so one does), found by bisection.
  const medianDays = (days: Set<number>, periods: number[]) => {
    const counts = new Array<number>(periods.length).fill(0);
    for (const d of days) {
      let lo = 0;
      let hi = periods.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (periods[mid] <= d) lo = mid;
        else hi = mid - 1;
      }
      counts[lo]++;
    }
    return lowerMedian(counts);
  };
  const out = new Map<string, Partial<SqlRow>>();
  for (const [key, a] of acc) {
    const lead = lowerMedianOf(a.lead);
    out.set(key, {
      key,
      deployments: a.deployments,
      deploy_days: a.days.size,
      med_week: medianDays(a.days, weeks),
      med_month: medianDays(a.days, months),
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
