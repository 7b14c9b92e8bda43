// The YAML shape of a scorecard (config as code), pure: parsing, validation and a canonical export.
// See prisma/seed/scorecards/production-readiness.yaml.
import { stringify } from "yaml";
import { parseYamlDocument } from "@/lib/core/yaml";
import { z } from "zod";
import { ZSlug } from "@/lib/core/schemas";
import { LEVELS, ZRuleCheck, type Rule } from "@/lib/scorecards/domain/scorecard";
import { ZScorecardScope, isWholeOrganisation, normaliseScope } from "@/lib/scorecards/domain/scope";

export const ZRuleDocument = z.object({
  key: ZSlug,
  name: z.string().trim().min(3).max(160),
  description: z.string().trim().max(2000).optional(),
  level: z.enum(LEVELS, { error: "must be bronze, silver or gold" }),
  weight: z.number().int().min(1).max(10).default(1),
  enabled: z.boolean().default(true),
  check: ZRuleCheck,
});
export type TRuleDocument = z.infer<typeof ZRuleDocument>;

export const ZScorecardDocument = z
  .object({
    key: ZSlug,
    name: z.string().trim().min(1).max(120),
    description: z.string().trim().max(4000).optional(),
    enabled: z.boolean().default(true),
    /** The services it applies to; absent is every service. */
    scope: ZScorecardScope.optional(),
    rules: z.array(ZRuleDocument).min(1, "a scorecard needs at least one rule").max(200),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.rules.forEach((r, i) => {
      if (seen.has(r.key))
        ctx.addIssue({ code: "custom", path: ["rules", i, "key"], message: `duplicate rule key "${r.key}"` });
      seen.add(r.key);
    });
  });
export type TScorecardDocument = z.infer<typeof ZScorecardDocument>;

export function parseScorecardYaml(text: string): TScorecardDocument {
  return parseYamlDocument(text, ZScorecardDocument, "The scorecard");
}

export function scorecardToYaml(doc: TScorecardDocument): string {
  const clean = {
    key: doc.key,
    name: doc.name,
    ...(doc.description ? { description: doc.description } : {}),
    enabled: doc.enabled,
    ...(isWholeOrganisation(doc.scope ?? {}) ? {} : { scope: normaliseScope(doc.scope) }),
    rules: doc.rules.map((r) => ({
      key: r.key,
      name: r.name,
      ...(r.description ? { description: r.description } : {}),
      level: r.level,
      weight: r.weight,
      enabled: r.enabled,
      check: r.check,
    })),
  };
  return stringify(clean, { lineWidth: 100 });
}

/** Rules in the engine's shape, ordered by level then by their position in the document. */
export function rulesFromDocument(doc: Pick<TScorecardDocument, "rules">): Rule[] {
  return doc.rules.map((r) => ({
    key: r.key,
    name: r.name,
    level: r.level,
    weight: r.weight,
    enabled: r.enabled,
    check: r.check,
  }));
}

const CHECK_FIELD = {
  team: "owner team",
  onCall: "on-call",
  runbookUrl: "runbook URL",
  repoUrl: "repository URL",
  dashboardUrl: "dashboard URL",
  description: "description",
} as const;
const METRIC = {
  deploymentFrequency: "Deployment frequency",
  leadTime: "Lead time",
  changeFailureRate: "Change failure rate",
  recovery: "Recovery time",
} as const;

/** What a check asks for, in one line (for the rule list and the editor). */
export function describeCheck(check: z.infer<typeof ZRuleCheck>): string {
  switch (check.type) {
    case "catalog_field":
      return `Catalog field set: ${CHECK_FIELD[check.field]}`;
    case "checklist_required":
      return `Every required-for-tier ${check.category ? `"${check.category}" ` : ""}item is ${check.accept.join(" or ")}`;
    case "checklist_item":
      return `Item "${check.item}" is ${check.accept.join(", ")}`;
    case "checklist_complete":
      return `Every checklist item is ${check.accept.join(" or ")}`;
    case "slo_count":
      return `At least ${check.min} SLO${check.min === 1 ? "" : "s"}`;
    case "slo_none_in_status":
      return `No SLO ${check.status}`;
    case "dora_band":
      return `${METRIC[check.metric]} band ${check.atLeast} or better (last 90 days)`;
    case "deployed_within_days":
      return `A production deployment in the last ${check.days} days`;
    case "review_approved_within_days":
      return `A platform review approved in the last ${check.days} days`;
    case "expression":
      return `Expression: ${check.expression}`;
  }
}
