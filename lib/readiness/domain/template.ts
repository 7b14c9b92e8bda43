// Template versioning, pure: parsing YAML, deciding whether an import is a new version, and what
// a service gains or loses when its checklist upgrades. Answers are keyed by item key, so an
// upgrade keeps every answer whose item still exists.
import { stringify } from "yaml";
import { parseYamlDocument } from "@/lib/core/yaml";
import { ZTemplateDocument, type TTemplateDocument } from "./template-schema";

export const DEFAULT_TEMPLATE_BY_TYPE = {
  service: "production-readiness",
  "data-pipeline": "data-pipeline-readiness",
  "ml-model": "ml-model-readiness",
} as const;

/** Parses and validates one YAML template; errors name the path of each bad field. */
export function parseTemplateYaml(text: string): TTemplateDocument {
  return parseYamlDocument(text, ZTemplateDocument, "The template");
}

/** A stable representation: two documents with equal content compare equal whatever their formatting. */
export function canonicalTemplate(doc: TTemplateDocument): string {
  return JSON.stringify({
    key: doc.key,
    name: doc.name,
    serviceType: doc.serviceType,
    description: doc.description ?? "",
    categories: doc.categories.map((c) => ({
      key: c.key,
      name: c.name,
      description: c.description ?? "",
      items: c.items.map((i) => ({
        key: i.key,
        title: i.title,
        guidance: i.guidance,
        requiredForTiers: [...i.requiredForTiers].sort(),
        weight: i.weight,
      })),
    })),
  });
}

export function templateToYaml(doc: TTemplateDocument): string {
  return stringify(JSON.parse(canonicalTemplate(doc)), { lineWidth: 100, blockQuote: "literal" });
}

export type ImportDecision = { action: "create"; version: number } | { action: "unchanged"; version: number };

/** Importing creates version n+1 unless the content equals the latest version. */
export function decideImport(
  doc: TTemplateDocument,
  latest: { version: number; document: TTemplateDocument } | null,
): ImportDecision {
  if (!latest) return { action: "create", version: 1 };
  if (canonicalTemplate(latest.document) === canonicalTemplate(doc))
    return { action: "unchanged", version: latest.version };
  return { action: "create", version: latest.version + 1 };
}

export type UpgradePlan = { added: string[]; removed: string[]; kept: string[]; changed: string[] };

/** What changes for a service moving from one template version to another. */
export function planUpgrade(from: TTemplateDocument, to: TTemplateDocument): UpgradePlan {
  const items = (d: TTemplateDocument) =>
    new Map(d.categories.flatMap((c) => c.items.map((i) => [i.key, { ...i, category: c.key }] as const)));
  const a = items(from);
  const b = items(to);
  const kept = [...b.keys()].filter((k) => a.has(k));
  return {
    added: [...b.keys()].filter((k) => !a.has(k)),
    removed: [...a.keys()].filter((k) => !b.has(k)),
    kept,
    changed: kept.filter((k) => JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k))),
  };
}
