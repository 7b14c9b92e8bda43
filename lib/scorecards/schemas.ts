import { z } from "zod";
import { ZRuleCheck } from "@/lib/scorecards/domain/scorecard";
import { ZRuleDocument } from "@/lib/scorecards/domain/document";
import { ZScorecardScope } from "@/lib/scorecards/domain/scope";
import { ZSlug } from "@/lib/core/schemas";
import { ZExpiry } from "@/lib/readiness/schemas";

// Forms of the slice's server actions.

/** A repeated form field (checkbox group) as a list; none sent is an empty one. */
export const list = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string()),
);

const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());

export const ZRuleForm = z
  .object({
    scorecard: ZSlug,
    originalKey: z.string().optional(),
    key: ZSlug,
    name: z.string().trim().min(3, "must be at least 3 characters").max(160),
    description: z.string().trim().max(2000).optional(),
    level: z.enum(["bronze", "silver", "gold"], { error: "must be bronze, silver or gold" }),
    weight: z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be 1 to 10")
      .max(10, "must be 1 to 10"),
    enabled: checkbox,
    type: z.string(),
    field: z.string().optional(),
    category: z.string().trim().optional(),
    item: z.string().trim().optional(),
    accept: list,
    min: z.coerce.number().optional(),
    status: z.string().optional(),
    metric: z.string().optional(),
    atLeast: z.string().optional(),
    days: z.coerce.number().optional(),
    expression: z.string().max(2000, "must be at most 2,000 characters").optional(),
  })
  .transform((f, ctx) => {
    const raw: Record<string, unknown> = { type: f.type };
    if (f.type === "catalog_field") raw.field = f.field;
    if (f.type === "checklist_required") Object.assign(raw, { category: f.category || undefined, accept: f.accept });
    if (f.type === "checklist_item") Object.assign(raw, { item: f.item, accept: f.accept });
    if (f.type === "checklist_complete") raw.accept = f.accept;
    if (f.type === "slo_count") raw.min = f.min;
    if (f.type === "slo_none_in_status") raw.status = f.status;
    if (f.type === "dora_band") Object.assign(raw, { metric: f.metric, atLeast: f.atLeast });
    if (f.type === "deployed_within_days" || f.type === "review_approved_within_days") raw.days = f.days;
    if (f.type === "expression") raw.expression = f.expression ?? "";
    const check = ZRuleCheck.safeParse(raw);
    if (!check.success) {
      for (const issue of check.error.issues)
        ctx.addIssue({ code: "custom", path: [String(issue.path[0] ?? "type")], message: issue.message });
      return z.NEVER;
    }
    const rule = ZRuleDocument.parse({
      key: f.key,
      name: f.name,
      description: f.description || undefined,
      level: f.level,
      weight: f.weight,
      enabled: f.enabled,
      check: check.data,
    });
    return { scorecard: f.scorecard, originalKey: f.originalKey || undefined, rule };
  });

const commaList = z
  .string()
  .max(20_000)
  .optional()
  .transform((v) => [...new Set((v ?? "").split(/[\s,]+/).filter(Boolean))]);

export const ZSettings = z
  .object({
    scorecard: ZSlug,
    name: z.string().trim().min(1, "is required").max(120),
    description: z.string().trim().max(4000).optional(),
    enabled: checkbox,
    isDefault: checkbox,
    // The scope: checkbox groups, and comma-separated team slugs and tags.
    tiers: list,
    types: list,
    lifecycles: list,
    teams: commaList,
    tags: commaList,
  })
  .transform((f, ctx) => {
    const scope = ZScorecardScope.safeParse({
      tiers: f.tiers.map(Number),
      types: f.types,
      lifecycles: f.lifecycles,
      teams: f.teams,
      tags: f.tags,
    });
    if (!scope.success) {
      for (const issue of scope.error.issues)
        ctx.addIssue({ code: "custom", path: [String(issue.path[0] ?? "scope")], message: issue.message });
      return z.NEVER;
    }
    const { tiers: _t, types: _ty, lifecycles: _l, teams: _te, tags: _ta, ...rest } = f;
    return { ...rest, scope: scope.data };
  });

/** A repeated form field of `item`s; none sent is an empty list. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export const ZInitiativeForm = z.object({
  name: z.string().trim().min(3, "must be at least 3 characters").max(120),
  description: z.string().trim().max(4000).optional(),
  targetLevel: z.enum(["", "bronze", "silver", "gold"]).transform((v) => (v === "" ? null : v)),
  ruleKeys: listOf(ZSlug),
  teamIds: listOf(z.uuid()),
  services: z
    .string()
    .max(20_000)
    .optional()
    .transform((v) => [...new Set((v ?? "").split(/[\s,]+/).filter(Boolean))])
    .pipe(z.array(ZSlug)),
  ownerId: z.uuid({ error: "choose an owner" }),
  targetDate: z.iso.date({ error: "must be a date" }),
});

/** The rule editor's "test against a service". */
export const ZExpressionPreview = z.object({
  expression: z.string().max(2000, "must be at most 2,000 characters"),
  service: ZSlug,
});

/** `?scorecard=` on the scorecard and gate APIs: which scorecard judges (default: the default one). */
export const ZScorecardQuery = z.object({ scorecard: ZSlug.optional() });

// Rule exemptions (API and forms).
export const ZExemptionRequest = z.object({
  /** Default: the default scorecard. */
  scorecard: ZSlug.optional(),
  rule: ZSlug,
  justification: z.string().trim().min(10, "must explain why, in at least 10 characters").max(2000),
  expiresAt: ZExpiry,
});

export const ZExemptionDecision = z.object({
  decision: z.enum(["approve", "reject"], { error: "must be approve or reject" }),
  note: z.string().trim().max(2000).optional().nullable(),
});

export const ZExemptionRevoke = z.object({ note: z.string().trim().max(2000).optional().nullable() });

export const ZExemptionListQuery = z.object({
  status: z.enum(["pending", "active", "expired", "rejected", "revoked", "all"]).default("all"),
  service: ZSlug.optional(),
});

// The scorecards and initiatives API.
export const ZScorecardKeyParams = z.object({ key: ZSlug });
export const ZRuleParams = z.object({ key: ZSlug, rule: ZSlug });

export const ZInitiativeApiInput = z.object({
  name: z.string().trim().min(3, "must be at least 3 characters").max(120),
  description: z.string().trim().max(4000).optional(),
  targetLevel: z.enum(["bronze", "silver", "gold"]).nullable().optional(),
  rules: z.array(ZSlug).max(200).default([]),
  /** Team slugs: every active service of these teams is in scope. */
  teams: z.array(ZSlug).max(500).default([]),
  /** Service slugs, besides the teams'. */
  services: z.array(ZSlug).max(5000).default([]),
  /** The owner's email. */
  owner: z.email(),
  targetDate: z.iso.date({ error: "must be a date (YYYY-MM-DD)" }),
});

/** `POST /api/v1/scorecards/apply`: a folder of scorecard YAML files, as `scorecard apply DIR` reads it. */
export const ZScorecardApply = z
  .object({
    files: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(255).meta({ description: "The file's name, named in errors" }),
          text: z
            .string()
            .max(256 * 1024)
            .meta({ description: "The file's YAML" }),
        }),
      )
      .min(1, "at least one file")
      .max(200),
    dryRun: z.boolean().optional().meta({ description: "Plan only: change nothing" }),
    prune: z.boolean().optional().meta({ description: "Delete the scorecards with no file (never the default one)" }),
  })
  .strict();
