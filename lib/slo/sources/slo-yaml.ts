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

/** "30d", "4w", "1w", "28d" → days; anything else null. */
export function durationDays(value: unknown): number | null {
  const m = typeof value === "string" ? /^(\d+)([dw])$/.exec(value.trim()) : null;
  if (!m) return null;
  return Number(m[1]) * (m[2] === "w" ? 7 : 1);
}

const ZOpenSlo = z.object({
  apiVersion: z.string().optional(),
  kind: z.literal("SLO"),
  metadata: z.object({ name: z.string(), displayName: z.string().optional() }),
  spec: z.object({
    service: z.string(),
    description: z.string().optional(),
    timeWindow: z.array(z.object({ duration: z.string(), isRolling: z.boolean().optional() })).optional(),
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
  const window = p.data.spec.timeWindow?.[0] ? durationDays(p.data.spec.timeWindow[0].duration) : 30;
  if (window === null || ![7, 28, 30].includes(window)) {
    return {
      index,
      message: `OpenSLO ${p.data.metadata.name}: timeWindow "${p.data.spec.timeWindow?.[0]?.duration}" is not supported; use 7d/1w, 28d/4w or 30d`,
    };
  }
  const objectives = p.data.spec.objectives;
  const out: SloDoc[] = [];
  for (const [i, o] of objectives.entries()) {
    const objective = o.targetPercent ?? (o.target !== undefined ? o.target * 100 : undefined);
    const name = objectives.length > 1 ? `${p.data.metadata.name}-${o.displayName ?? i + 1}` : p.data.metadata.name;
    const parsed = ZSloInput.safeParse({
      service: p.data.spec.service,
      name,
      objective: objective === undefined ? undefined : Math.round(objective * 1e9) / 1e9,
      windowDays: window,
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
