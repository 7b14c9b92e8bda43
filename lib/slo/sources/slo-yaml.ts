// OpenSLO (`kind: SLO`) and Sloth (`version: prometheus/v1`) documents → Shipshape SLO definitions.
// Pure. Objective, window and names carry over; queries stay in the tool that evaluates them.
import { yamlDocuments } from "@/lib/core/yaml";
import { z } from "zod";
import { issuesToDetails } from "@/lib/core/validation";
import { ZSloInput, type TSloInput } from "@/lib/slo/schemas";

export type SloDoc = { index: number; slo: TSloInput };
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

const ZOpenSlo = z.object({
  apiVersion: z.string().optional(),
  kind: z.literal("SLO"),
  metadata: z.object({ name: z.string(), displayName: z.string().optional() }),
  spec: z.object({
    service: z.string(),
    description: z.string().optional(),
    timeWindow: z.array(ZWindowV1).optional(),
    timeWindows: z.array(ZWindowV1alpha).optional(),
    objectives: z
      .array(
        z.object({
          displayName: z.string().optional(),
          target: z.number().optional(),
          targetPercent: z.number().optional(),
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
export function openSloWindow(spec: OpenSloSpec): { days: number } | { error: string } {
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
  if (w.isRolling === false || w.calendar)
    return { error: `${shown} is calendar-aligned; Shipshape's windows are rolling ${SUPPORTED}` };
  const days =
    "duration" in w
      ? durationDays(w.duration)
      : typeof w.count === "number" && typeof w.unit === "string"
        ? countUnitDays(w.count, w.unit)
        : null;
  if (days === null || ![7, 28, 30].includes(days)) return { error: `${shown} is not supported; use ${SUPPORTED}` };
  return { days };
}

const ZSloth = z.object({
  version: z.literal("prometheus/v1"),
  service: z.string(),
  slos: z
    .array(z.object({ name: z.string(), objective: z.number(), description: z.string().optional() }))
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
      description: p.data.spec.description,
    });
    if (!parsed.success) return { index, message: `OpenSLO ${p.data.metadata.name}: ${describe(parsed.error)}` };
    out.push({ index, slo: parsed.data });
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
    out.push({ index, slo: parsed.data });
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
