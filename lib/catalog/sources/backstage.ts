// Backstage catalog-info.yaml (multi-document) → Shipshape teams and services. Pure: parsing and
// mapping only; lib/catalog/server/import-catalog.ts writes. Each document succeeds or fails on its own.
//   kind: Group     → team    (metadata.name → slug, spec.profile.displayName → name)
//   kind: Component → service (spec.owner → team, spec.lifecycle, tier from an annotation or label,
//                              repo, runbook and dashboard links, PagerDuty service id,
//                              tags from metadata.tags (valueless) and metadata.labels)
import { yamlDocuments } from "@/lib/core/yaml";
import { z } from "zod";
import { issuesToDetails } from "@/lib/core/validation";
import { ZServiceInput, ZTeamInput, type TServiceInput, type TTeamInput } from "@/lib/catalog/schemas";

export type CatalogEntity =
  { index: number; kind: "team"; value: TTeamInput } | { index: number; kind: "service"; value: TServiceInput };
export type CatalogProblem = { index: number; message: string };
export type CatalogParseResult = { entities: CatalogEntity[]; errors: CatalogProblem[]; skipped: CatalogProblem[] };

const ZEntity = z.object({
  apiVersion: z.string().optional(),
  kind: z.string({ error: "kind is required" }),
  metadata: z.object({
    name: z.string({ error: "metadata.name is required" }),
    title: z.string().optional(),
    description: z.string().optional(),
    annotations: z.record(z.string(), z.string()).optional(),
    labels: z.record(z.string(), z.string()).optional(),
    tags: z.array(z.string()).optional(),
    links: z
      .array(
        z.object({
          url: z.string(),
          title: z.string().optional(),
          icon: z.string().optional(),
          type: z.string().optional(),
        }),
      )
      .optional(),
  }),
  spec: z.record(z.string(), z.unknown()).optional(),
});
type Entity = z.infer<typeof ZEntity>;

export const TIER_KEYS = ["shipshape.dev/tier", "tier", "service-tier"];

/** "1", "tier-1", "tier1", "t1" → 1. */
export function parseTier(value: string | undefined): 1 | 2 | 3 | null {
  const m = value ? /^(?:tier[-_ ]?|t)?([123])$/i.exec(value.trim()) : null;
  return m ? (Number(m[1]) as 1 | 2 | 3) : null;
}

/** "group:default/payments", "default/payments", "payments" → "payments". */
export function ownerSlug(owner: string): string {
  return owner.split(":").pop()!.split("/").pop()!.trim().toLowerCase();
}

export function repoUrlFrom(annotations: Record<string, string>): string | undefined {
  const slug = annotations["github.com/project-slug"];
  if (slug) return `https://github.com/${slug}`;
  const loc = annotations["backstage.io/source-location"];
  if (!loc) return undefined;
  const url = loc.replace(/^url:/, "");
  const gh = /^(https:\/\/github\.com\/[^/]+\/[^/]+?)(?:\.git)?(?:\/(?:tree|blob)\/.*)?\/?$/.exec(url);
  return gh ? gh[1] : url.replace(/\/$/, "");
}

function link(entity: Entity, pattern: RegExp): string | undefined {
  return entity.metadata.links?.find((l) => pattern.test(`${l.title ?? ""} ${l.type ?? ""} ${l.icon ?? ""}`))?.url;
}

function serviceType(specType: unknown): TServiceInput["type"] {
  const t = String(specType ?? "").toLowerCase();
  if (/pipeline|etl|data/.test(t)) return "data-pipeline";
  if (/ml|model/.test(t)) return "ml-model";
  return "service";
}

function describe(error: z.ZodError): string {
  return issuesToDetails(error)
    .map((d) => `${d.path || "document"} ${d.message}`)
    .join("; ");
}

function mapEntity(entity: Entity, index: number): CatalogEntity | CatalogProblem {
  const annotations = entity.metadata.annotations ?? {};
  const labels = entity.metadata.labels ?? {};
  const spec = entity.spec ?? {};
  if (entity.kind === "Group") {
    const profile = (spec.profile ?? {}) as { displayName?: string };
    const parsed = ZTeamInput.safeParse({
      slug: entity.metadata.name.toLowerCase(),
      name: profile.displayName ?? entity.metadata.title ?? entity.metadata.name,
      description: entity.metadata.description,
    });
    return parsed.success
      ? { index, kind: "team", value: parsed.data }
      : { index, message: `Group ${entity.metadata.name}: ${describe(parsed.error)}` };
  }
  const tierSource = TIER_KEYS.map((k) => annotations[k] ?? labels[k]).find((v) => v !== undefined);
  const tier = tierSource === undefined ? 3 : parseTier(tierSource);
  if (tier === null)
    return { index, message: `Component ${entity.metadata.name}: tier "${tierSource}" must be 1, 2 or 3` };
  if (typeof spec.owner !== "string")
    return { index, message: `Component ${entity.metadata.name}: spec.owner is required` };
  const parsed = ZServiceInput.safeParse({
    slug: entity.metadata.name.toLowerCase(),
    name: entity.metadata.title ?? entity.metadata.name,
    team: ownerSlug(spec.owner),
    tier,
    lifecycle: spec.lifecycle,
    type: serviceType(spec.type),
    description: entity.metadata.description,
    repoUrl: repoUrlFrom(annotations),
    // Monorepos: "services/payments/, libs/payments/" and "area/payments", comma-separated.
    repoPaths: annotations["shipshape.dev/repo-paths"],
    repoLabels: annotations["shipshape.dev/repo-labels"],
    runbookUrl: link(entity, /runbook/i) ?? annotations["shipshape.dev/runbook"],
    dashboardUrl: link(entity, /dashboard|grafana|datadog/i) ?? annotations["shipshape.dev/dashboard"],
    onCall: annotations["shipshape.dev/on-call"] ?? annotations["opsgenie.com/team"],
    pagerdutyServiceId: annotations["pagerduty.com/service-id"],
    // Backstage's tags ("java", "pci") are keys without a value; its labels are key/value.
    ...(entity.metadata.tags || entity.metadata.labels
      ? { tags: { ...Object.fromEntries((entity.metadata.tags ?? []).map((t) => [t, ""])), ...labels } }
      : {}),
  });
  return parsed.success
    ? { index, kind: "service", value: parsed.data }
    : { index, message: `Component ${entity.metadata.name}: ${describe(parsed.error)}` };
}

export function parseBackstageCatalog(text: string): CatalogParseResult {
  const docs = yamlDocuments(text);
  const result = parseBackstageEntities(
    docs.flatMap((doc) => ("error" in doc ? [] : [{ index: doc.index, value: doc.value }])),
  );
  for (const doc of docs) if ("error" in doc) result.errors.push({ index: doc.index, message: doc.error });
  result.errors.sort((a, b) => a.index - b.index);
  return result;
}

/** Entities already parsed (a YAML document, or an item of Backstage's catalog API), by index. */
export function parseBackstageEntities(raws: Array<{ index: number; value: unknown }>): CatalogParseResult {
  const result: CatalogParseResult = { entities: [], errors: [], skipped: [] };
  for (const { index, value: raw } of raws) {
    if (raw === null || raw === undefined) continue; // an empty document (e.g. a trailing ---)
    const parsed = ZEntity.safeParse(raw);
    if (!parsed.success) {
      result.errors.push({ index, message: describe(parsed.error) });
      continue;
    }
    if (parsed.data.kind !== "Group" && parsed.data.kind !== "Component") {
      result.skipped.push({ index, message: `kind ${parsed.data.kind} is not imported` });
      continue;
    }
    const mapped = mapEntity(parsed.data, index);
    if ("kind" in mapped) result.entities.push(mapped);
    else result.errors.push(mapped);
  }
  return result;
}
