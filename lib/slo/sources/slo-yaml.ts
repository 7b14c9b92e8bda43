// OpenSLO (`kind: SLO`) and Sloth (`version: prometheus/v1`) documents → Shipshape SLO definitions.
// Pure. Objective, window and names carry over, and so do Prometheus ratio queries (Sloth's
// errorQuery/totalQuery, OpenSLO's good or bad and total), which a connected SLO pulls.
import { yamlDocuments } from "@/lib/core/yaml";
import { z } from "zod";
import { issuesToDetails } from "@/lib/core/validation";
import { ZSloInput, type TSloInput } from "@/lib/slo/schemas";
import type { PrometheusQueries } from "./prometheus";

/** A definition, with the Prometheus queries its document carried (kept, to pull when connected). */
export type SloDoc = { index: number; slo: TSloInput; queries?: PrometheusQueries };
export type SloDocProblem = { index: number; message: string };

const describe = (e: z.ZodError) =>
  issuesToDetails(e)
    .map((d) => `${d.path || "document"} ${d.message}`)
    .join("; ");

const SUPPORTED = "7, 28 or 30 days (7d/1w, 28d/4w, 30d)";
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 };

/** An OpenSLO v1 duration ("30d", "4w", "672h") → whole days; anything else (months, odd hours) null. */
export function durationDays(value: unknown): number | null {
  const m = typeof value === "string" ? /^(\d+)([smhdw])$/.exec(value.trim()) : null;
  if (!m) return null;
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2]];
  return seconds > 0 && seconds % 86_400 === 0 ? seconds / 86_400 : null;
}

/** An OpenSLO v1alpha `{count, unit}` window → whole days; Month, Quarter, Year and odd seconds null. */
function countUnitDays(count: number, unit: string): number | null {
  const seconds = { Second: 1, Minute: 60, Hour: 3_600, Day: 86_400, Week: 604_800 }[unit];
  if (seconds === undefined || !Number.isInteger(count) || count <= 0) return null;
  return (count * seconds) % 86_400 === 0 ? (count * seconds) / 86_400 : null;
}

const ZCalendar = z.object({ startTime: z.string().optional(), timeZone: z.string().optional() }).passthrough();
// v1: `timeWindow: [{duration: 28d, isRolling}]`; v1alpha: `timeWindows: [{count: 28, unit: Day, isRolling}]`.
const ZWindowV1 = z.object({
  duration: z.unknown(),
  isRolling: z.boolean().optional(),
  calendar: ZCalendar.optional(),
});
const ZWindowV1alpha = z.object({
  count: z.unknown(),
  unit: z.unknown(),
  isRolling: z.boolean().optional(),
  calendar: ZCalendar.optional(),
});

// Where OpenSLO keeps a ratio's queries: v1 `metricSource: {type, spec: {query} | "query"}`,
// v1alpha `{source: prometheus, queryType: promql, query}`.
const ZMetricV1 = z.object({
  metricSource: z.object({ type: z.string().optional(), spec: z.unknown() }).passthrough(),
});
const ZMetricV1alpha = z.object({ source: z.string().optional(), query: z.string() }).passthrough();
const ZRatioV1 = z
  .object({ counter: z.boolean().optional(), good: ZMetricV1.optional(), bad: ZMetricV1.optional(), total: ZMetricV1 })
  .passthrough();
const ZRatioV1alpha = z
  .object({
    counter: z.boolean().optional(),
    incremental: z.boolean().optional(),
    good: ZMetricV1alpha.optional(),
    bad: ZMetricV1alpha.optional(),
    total: ZMetricV1alpha,
  })
  .passthrough();

const ZOpenSlo = z.object({
  apiVersion: z.string().optional(),
  kind: z.literal("SLO"),
  metadata: z.object({ name: z.string(), displayName: z.string().optional() }),
  spec: z.object({
    service: z.string(),
    description: z.string().optional(),
    timeWindow: z.array(ZWindowV1).optional(),
    timeWindows: z.array(ZWindowV1alpha).optional(),
    indicator: z
      .object({ spec: z.object({ ratioMetric: z.unknown().optional() }).passthrough().optional() })
      .passthrough()
      .optional(),
    objectives: z
      .array(
        z.object({
          displayName: z.string().optional(),
          target: z.number().optional(),
          targetPercent: z.number().optional(),
          ratioMetrics: z.unknown().optional(),
        }),
      )
      .min(1, "needs at least one objective"),
  }),
});

type OpenSloSpec = z.infer<typeof ZOpenSlo>["spec"];

/**
 * The SLO's window in days, or why it cannot be represented. Both spellings are read; a window that
 * is missing, calendar-aligned, more than one, or not a whole number of supported days is refused
 * by name, never replaced by a default.
 */
export function openSloWindow(spec: OpenSloSpec): { days: number; calendar?: "month" } | { error: string } {
  const v1 = spec.timeWindow ?? [];
  const alpha = spec.timeWindows ?? [];
  const windows = [...v1, ...alpha];
  if (windows.length === 0)
    return { error: `has no time window: set spec.timeWindow (v1) or spec.timeWindows (v1alpha) to ${SUPPORTED}` };
  if (windows.length > 1) return { error: `has ${windows.length} time windows; Shipshape keeps one per SLO` };
  const w = windows[0];
  const shown =
    "duration" in w
      ? `timeWindow "${String(w.duration)}"`
      : `timeWindows {count: ${String(w.count)}, unit: ${String(w.unit)}}`;
  if (w.isRolling === false || w.calendar) {
    // A calendar month in UTC: v1 `duration: 1M`, v1alpha `{count: 1, unit: Month}`.
    const month = "duration" in w ? w.duration === "1M" : w.count === 1 && w.unit === "Month";
    const zone = w.calendar?.timeZone;
    if (!month) return { error: `${shown} is calendar-aligned; the only calendar window is one month (1M)` };
    if (zone !== undefined && !["UTC", "Etc/UTC", "GMT"].includes(zone))
      return { error: `${shown} is a calendar month in ${zone}; calendar months are kept in UTC` };
    return { days: 30, calendar: "month" };
  }
  const days =
    "duration" in w
      ? durationDays(w.duration)
      : typeof w.count === "number" && typeof w.unit === "string"
        ? countUnitDays(w.count, w.unit)
        : null;
  if (days === null || ![7, 28, 30].includes(days)) return { error: `${shown} is not supported; use ${SUPPORTED}` };
  return { days };
}

/** A bare counter selector (`http_requests_total{code="500"}`) becomes a rate over the window. */
function asRate(query: string, counter: boolean | undefined): string {
  const q = query.trim();
  return counter !== false && /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^{}]*\})?$/.test(q) ? `sum(rate(${q}[{{.window}}]))` : q;
}

function v1Query(metric: z.infer<typeof ZMetricV1> | undefined): string | undefined {
  if (!metric) return undefined;
  const type = metric.metricSource.type;
  if (type !== undefined && type.toLowerCase() !== "prometheus") return undefined;
  const spec = metric.metricSource.spec;
  if (typeof spec === "string") return spec;
  if (spec && typeof spec === "object") {
    const { query, promql } = spec as { query?: unknown; promql?: unknown };
    if (typeof query === "string") return query;
    if (typeof promql === "string") return promql;
  }
  return undefined;
}

function ratioQueries(
  good: string | undefined,
  bad: string | undefined,
  total: string | undefined,
  counter: boolean | undefined,
): PrometheusQueries | undefined {
  if (!total) return undefined;
  if (good) return { goodQuery: asRate(good, counter), totalQuery: asRate(total, counter) };
  if (bad) return { errorQuery: asRate(bad, counter), totalQuery: asRate(total, counter) };
  return undefined;
}

/** The Prometheus queries of an OpenSLO objective (its own v1alpha ratioMetrics, or v1's indicator). */
function openSloQueries(
  spec: OpenSloSpec,
  objective: OpenSloSpec["objectives"][number],
): PrometheusQueries | undefined {
  const alpha = ZRatioV1alpha.safeParse(objective.ratioMetrics);
  if (alpha.success) {
    const r = alpha.data;
    const prom = (m: z.infer<typeof ZMetricV1alpha> | undefined) =>
      m && (m.source === undefined || m.source.toLowerCase() === "prometheus") ? m.query : undefined;
    return ratioQueries(prom(r.good), prom(r.bad), prom(r.total), r.counter ?? r.incremental);
  }
  const v1 = ZRatioV1.safeParse(spec.indicator?.spec?.ratioMetric);
  if (!v1.success) return undefined;
  return ratioQueries(v1Query(v1.data.good), v1Query(v1.data.bad), v1Query(v1.data.total), v1.data.counter);
}

const ZSloth = z.object({
  version: z.literal("prometheus/v1"),
  service: z.string(),
  slos: z
    .array(
      z.object({
        name: z.string(),
        objective: z.number(),
        description: z.string().optional(),
        sli: z
          .object({ events: z.object({ errorQuery: z.string(), totalQuery: z.string() }).optional() })
          .passthrough()
          .optional(),
      }),
    )
    .min(1, "needs at least one SLO"),
});

function fromOpenSlo(raw: unknown, index: number): SloDoc[] | SloDocProblem {
  const p = ZOpenSlo.safeParse(raw);
  if (!p.success) return { index, message: `OpenSLO: ${describe(p.error)}` };
  const window = openSloWindow(p.data.spec);
  if ("error" in window) return { index, message: `OpenSLO ${p.data.metadata.name}: ${window.error}` };
  const objectives = p.data.spec.objectives;
  const out: SloDoc[] = [];
  for (const [i, o] of objectives.entries()) {
    const objective = o.targetPercent ?? (o.target !== undefined ? o.target * 100 : undefined);
    const name = objectives.length > 1 ? `${p.data.metadata.name}-${o.displayName ?? i + 1}` : p.data.metadata.name;
    const parsed = ZSloInput.safeParse({
      service: p.data.spec.service,
      name,
      objective: objective === undefined ? undefined : Math.round(objective * 1e9) / 1e9,
      windowDays: window.days,
      ...(window.calendar ? { calendarWindow: window.calendar } : {}),
      description: p.data.spec.description,
    });
    if (!parsed.success) return { index, message: `OpenSLO ${p.data.metadata.name}: ${describe(parsed.error)}` };
    const queries = openSloQueries(p.data.spec, o);
    out.push({ index, slo: parsed.data, ...(queries ? { queries } : {}) });
  }
  return out;
}

/** Sloth has no per-SLO period: its default, 30 days, applies. */
function fromSloth(raw: unknown, index: number): SloDoc[] | SloDocProblem {
  const p = ZSloth.safeParse(raw);
  if (!p.success) return { index, message: `Sloth: ${describe(p.error)}` };
  const out: SloDoc[] = [];
  for (const s of p.data.slos) {
    const parsed = ZSloInput.safeParse({
      service: p.data.service,
      name: s.name,
      objective: s.objective,
      windowDays: 30,
      description: s.description,
    });
    if (!parsed.success) return { index, message: `Sloth SLO ${s.name}: ${describe(parsed.error)}` };
    const events = s.sli?.events;
    out.push({
      index,
      slo: parsed.data,
      ...(events ? { queries: { errorQuery: events.errorQuery, totalQuery: events.totalQuery } } : {}),
    });
  }
  return out;
}

export function parseSloYaml(text: string): { slos: SloDoc[]; errors: SloDocProblem[] } {
  const slos: SloDoc[] = [];
  const errors: SloDocProblem[] = [];
  for (const doc of yamlDocuments(text)) {
    const index = doc.index;
    if ("error" in doc) {
      errors.push({ index, message: doc.error });
      continue;
    }
    if (doc.value === null || doc.value === undefined) continue;
    if (typeof doc.value !== "object" || Array.isArray(doc.value)) {
      errors.push({ index, message: "a document must be a mapping" });
      continue;
    }
    const raw = doc.value as Record<string, unknown>;
    const result =
      raw.version === "prometheus/v1"
        ? fromSloth(raw, index)
        : raw.kind === "SLO"
          ? fromOpenSlo(raw, index)
          : { index, message: 'not an OpenSLO "kind: SLO" nor a Sloth "version: prometheus/v1" document' };
    if (Array.isArray(result)) slos.push(...result);
    else errors.push(result);
  }
  return { slos, errors };
}
