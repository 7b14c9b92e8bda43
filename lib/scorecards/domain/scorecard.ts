// Scorecards (CONTRACT §6), pure: rules over a service's facts. A service reaches the highest level
// whose rules, and every lower level's rules, all pass; its score is the weighted share of passing
// rules. A rule whose fact is missing fails with the reason "no data", never with a crash.
import { z } from "zod";
import type { Band } from "@/lib/delivery/domain";
import type { EffectiveStatus } from "@/lib/readiness/domain";
import type { SloStatus } from "@/lib/slo/domain";
import { DAY_MS } from "@/lib/core/calendar";
import { buildDocument, checkExpression, evaluateExpression, type ExpressionInputs } from "./expression";

export const LEVELS = ["bronze", "silver", "gold"] as const;
export type RuleLevel = (typeof LEVELS)[number];
export type Level = "none" | RuleLevel;

const BAND_RANK: Record<Band, number> = { low: 0, medium: 1, high: 2, elite: 3 };

export const ZRuleCheck = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("catalog_field"),
    field: z.enum(["team", "onCall", "runbookUrl", "repoUrl", "dashboardUrl", "description"]),
  }),
  z.object({
    type: z.literal("checklist_required"),
    category: z.string().optional(),
    accept: z
      .array(z.enum(["done", "waived"]))
      .min(1)
      .default(["done", "waived"]),
  }),
  z.object({
    type: z.literal("checklist_item"),
    item: z.string(),
    accept: z
      .array(z.enum(["done", "waived", "not_applicable"]))
      .min(1)
      .default(["done", "waived", "not_applicable"]),
  }),
  z.object({
    type: z.literal("checklist_complete"),
    accept: z
      .array(z.enum(["done", "waived", "not_applicable"]))
      .min(1)
      .default(["done", "not_applicable"]),
  }),
  z.object({ type: z.literal("slo_count"), min: z.number().int().min(1).default(1) }),
  z.object({ type: z.literal("slo_none_in_status"), status: z.enum(["exhausted", "burning"]) }),
  z.object({
    type: z.literal("dora_band"),
    metric: z.enum(["deploymentFrequency", "leadTime", "changeFailureRate", "recovery"]),
    atLeast: z.enum(["low", "medium", "high", "elite"]),
  }),
  z.object({ type: z.literal("deployed_within_days"), days: z.number().int().min(1).max(365) }),
  z.object({ type: z.literal("review_approved_within_days"), days: z.number().int().min(1).max(730) }),
  z.object({
    type: z.literal("expression"),
    /** CEL over the service's document (./expression.ts); checked here, so a saved rule always runs. */
    expression: z.string().superRefine((source, ctx) => {
      const checked = checkExpression(source);
      if (!checked.ok) ctx.addIssue({ code: "custom", message: checked.message });
    }),
  }),
]);
export type RuleCheck = z.infer<typeof ZRuleCheck>;

export type Rule = { key: string; name: string; level: RuleLevel; weight: number; enabled: boolean; check: RuleCheck };

export type ServiceFacts = {
  tier: number;
  catalog: {
    team: string | null;
    onCall: string | null;
    runbookUrl: string | null;
    repoUrl: string | null;
    dashboardUrl: string | null;
    description: string | null;
  };
  /** Null when the service has no checklist (no template for its type). */
  checklist: Array<{
    key: string;
    title: string;
    categoryKey: string;
    requiredForTiers: number[];
    status: EffectiveStatus;
  }> | null;
  /** Bands over the last 90 days; null when DORA could not be computed. */
  dora: {
    deploymentFrequency: Band | null;
    leadTime: Band | null;
    changeFailureRate: Band | null;
    recovery: Band | null;
    /** Counted deployments and those that caused an incident, in the same 90 days. */
    deployments?: number;
    failedDeployments?: number;
  } | null;
  slos: Array<{ name: string; status: SloStatus }>;
  lastProductionDeployAt: Date | null;
  lastApprovedReviewAt: Date | null;
  now: Date;
  /** What expression rules read (catalog, tags, checklist, DORA, SLOs, review, custom facts). */
  document?: ExpressionInputs;
};

export type RuleResult = {
  key: string;
  name: string;
  level: RuleLevel;
  weight: number;
  pass: boolean;
  reason: string;
  /** Expression rules: the values the expression read, by path. */
  read?: Array<{ path: string; value: unknown }>;
  /** Passing by an approved rule exemption until this instant (ISO); `reason` says what it waives. */
  exemptUntil?: string;
};

/** Approved, unexpired exemptions of one service on one scorecard, by rule key. */
export type ActiveExemptions = Map<string, { expiresAt: Date; justification: string }>;

const FIELD_LABEL = {
  team: "owner team",
  onCall: "on-call",
  runbookUrl: "runbook URL",
  repoUrl: "repository URL",
  dashboardUrl: "dashboard URL",
  description: "description",
} as const;
const METRIC_LABEL = {
  deploymentFrequency: "deployment frequency",
  leadTime: "lead time",
  changeFailureRate: "change failure rate",
  recovery: "recovery time",
} as const;

const list = (items: string[], max = 3) =>
  items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;

const documents = new WeakMap<ExpressionInputs, Record<string, unknown>>();
/** The CEL document of a service, built once per loaded facts. */
function documentOf(inputs: ExpressionInputs): Record<string, unknown> {
  let doc = documents.get(inputs);
  if (!doc) documents.set(inputs, (doc = buildDocument(inputs)));
  return doc;
}

/** One rule against the facts: pass or fail, and why in words. */
export function checkRule(
  check: RuleCheck,
  f: ServiceFacts,
): { pass: boolean; reason: string; read?: Array<{ path: string; value: unknown }> } {
  switch (check.type) {
    case "expression":
      if (!f.document) return { pass: false, reason: "no data: the service's document was not loaded" };
      return evaluateExpression(check.expression, documentOf(f.document));
    case "catalog_field": {
      const value = f.catalog[check.field];
      return value
        ? { pass: true, reason: `${FIELD_LABEL[check.field]} is set` }
        : { pass: false, reason: `no ${FIELD_LABEL[check.field]} in the catalog` };
    }
    case "checklist_required": {
      if (!f.checklist) return { pass: false, reason: "no data: the service has no checklist" };
      const required = f.checklist.filter(
        (i) => i.requiredForTiers.includes(f.tier) && (!check.category || i.categoryKey === check.category),
      );
      const missing = required.filter((i) => !(check.accept as string[]).includes(i.status));
      const scope = check.category ? `${check.category} item(s)` : "item(s)";
      return missing.length === 0
        ? { pass: true, reason: `all ${required.length} required ${scope} ${check.accept.join(" or ")}` }
        : {
            pass: false,
            reason: `${missing.length} required ${scope} not ${check.accept.join(" or ")}: ${list(missing.map((i) => i.title))}`,
          };
    }
    case "checklist_item": {
      const item = f.checklist?.find((i) => i.key === check.item);
      if (!item)
        return { pass: false, reason: `no data: checklist item "${check.item}" is not on this service's checklist` };
      return (check.accept as string[]).includes(item.status)
        ? { pass: true, reason: `"${item.title}" is ${item.status}` }
        : { pass: false, reason: `"${item.title}" is ${item.status}` };
    }
    case "checklist_complete": {
      if (!f.checklist) return { pass: false, reason: "no data: the service has no checklist" };
      const missing = f.checklist.filter((i) => !(check.accept as string[]).includes(i.status));
      return missing.length === 0
        ? { pass: true, reason: `all ${f.checklist.length} items ${check.accept.join(" or ")}` }
        : {
            pass: false,
            reason: `${missing.length} item(s) not ${check.accept.join(" or ")}: ${list(missing.map((i) => i.title))}`,
          };
    }
    case "slo_count":
      return f.slos.length >= check.min
        ? { pass: true, reason: `${f.slos.length} SLO${f.slos.length === 1 ? "" : "s"} defined` }
        : {
            pass: false,
            reason: f.slos.length === 0 ? "no SLO defined" : `${f.slos.length} of ${check.min} SLO(s) defined`,
          };
    case "slo_none_in_status": {
      const bad = f.slos.filter((s) => s.status === check.status);
      return bad.length === 0
        ? { pass: true, reason: `no SLO ${check.status}` }
        : { pass: false, reason: `${list(bad.map((s) => s.name))} ${bad.length === 1 ? "is" : "are"} ${check.status}` };
    }
    case "dora_band": {
      const band = f.dora?.[check.metric] ?? null;
      // Nothing failed, so there was nothing to recover from: that is the best recovery there is.
      if (
        band === null &&
        check.metric === "recovery" &&
        (f.dora?.deployments ?? 0) > 0 &&
        f.dora?.failedDeployments === 0
      ) {
        return { pass: true, reason: "no failed deployments to recover from" };
      }
      if (band === null)
        return { pass: false, reason: `no data: no ${METRIC_LABEL[check.metric]} band in the last 90 days` };
      return BAND_RANK[band] >= BAND_RANK[check.atLeast]
        ? { pass: true, reason: `${METRIC_LABEL[check.metric]} is ${band}` }
        : { pass: false, reason: `${METRIC_LABEL[check.metric]} is ${band}, needs ${check.atLeast} or better` };
    }
    case "deployed_within_days": {
      if (!f.lastProductionDeployAt) return { pass: false, reason: "no data: no production deployment reported" };
      const days = Math.floor((f.now.getTime() - f.lastProductionDeployAt.getTime()) / DAY_MS);
      return days < check.days
        ? { pass: true, reason: days === 0 ? "deployed today" : `deployed ${days} day${days === 1 ? "" : "s"} ago` }
        : { pass: false, reason: `last deployed ${days} days ago (needs within ${check.days})` };
    }
    case "review_approved_within_days": {
      if (!f.lastApprovedReviewAt) return { pass: false, reason: "never approved by the platform team" };
      const days = Math.floor((f.now.getTime() - f.lastApprovedReviewAt.getTime()) / DAY_MS);
      return days < check.days
        ? { pass: true, reason: days === 0 ? "approved today" : `approved ${days} day${days === 1 ? "" : "s"} ago` }
        : { pass: false, reason: `last approved ${days} days ago (needs within ${check.days})` };
    }
  }
}

export type ScorecardResult = {
  level: Level;
  score: number;
  rules: RuleResult[];
  /** The failing rules between this level and the next one up. */
  nextLevel: { level: RuleLevel; failing: RuleResult[] } | null;
};

export function evaluateScorecard(
  rules: Rule[],
  facts: ServiceFacts,
  exemptions: ActiveExemptions = new Map(),
): ScorecardResult {
  const results: RuleResult[] = rules
    .filter((r) => r.enabled)
    .map((r) => {
      let outcome: ReturnType<typeof checkRule>;
      try {
        outcome = checkRule(r.check, facts);
      } catch (error) {
        outcome = { pass: false, reason: `no data: ${(error as Error).message}` };
      }
      const exemption = exemptions.get(r.key);
      // An exempt rule counts as passing until the exemption expires; the reason keeps what it waives.
      if (!outcome.pass && exemption)
        return {
          key: r.key,
          name: r.name,
          level: r.level,
          weight: r.weight,
          ...outcome,
          pass: true,
          reason: `exempt until ${exemption.expiresAt.toISOString().slice(0, 10)} (${exemption.justification}); without it: ${outcome.reason}`,
          exemptUntil: exemption.expiresAt.toISOString(),
        };
      return { key: r.key, name: r.name, level: r.level, weight: r.weight, ...outcome };
    });
  let level: Level = "none";
  for (const l of LEVELS) {
    const atLevel = results.filter((r) => r.level === l);
    if (atLevel.every((r) => r.pass)) level = l;
    else break;
  }
  const totalWeight = results.reduce((s, r) => s + r.weight, 0);
  const passWeight = results.filter((r) => r.pass).reduce((s, r) => s + r.weight, 0);
  const score = totalWeight === 0 ? 100 : Math.round((passWeight / totalWeight) * 1000) / 10;
  const next = LEVELS[LEVELS.indexOf(level as RuleLevel) + 1] ?? (level === "none" ? "bronze" : null);
  const nextLevel = next
    ? { level: next, failing: results.filter((r) => !r.pass && LEVELS.indexOf(r.level) <= LEVELS.indexOf(next)) }
    : null;
  return { level, score, rules: results, nextLevel };
}

export const LEVEL_RANK: Record<Level, number> = { none: 0, bronze: 1, silver: 2, gold: 3 };

/** Team score: the tier-weighted mean (tier 1 ×3, tier 2 ×2, tier 3 ×1) of its services' scores. */
export function teamScore(services: Array<{ tier: number; score: number }>): number | null {
  const weight = (tier: number) => (tier === 1 ? 3 : tier === 2 ? 2 : 1);
  const total = services.reduce((s, x) => s + weight(x.tier), 0);
  if (total === 0) return null;
  return Math.round((services.reduce((s, x) => s + weight(x.tier) * x.score, 0) / total) * 10) / 10;
}

export function levelCounts(levels: Level[]): Record<Level, number> {
  const counts: Record<Level, number> = { none: 0, bronze: 0, silver: 0, gold: 0 };
  for (const l of levels) counts[l]++;
  return counts;
}

/** Failing rules across services, worst first: most services failing, then lowest level. */
export function failingRules(results: Array<{ service: string; rules: RuleResult[] }>) {
  const byRule = new Map<string, { key: string; name: string; level: RuleLevel; services: string[] }>();
  for (const r of results) {
    for (const rule of r.rules.filter((x) => !x.pass)) {
      const entry = byRule.get(rule.key) ?? { key: rule.key, name: rule.name, level: rule.level, services: [] };
      entry.services.push(r.service);
      byRule.set(rule.key, entry);
    }
  }
  // Worst first: what blocks the lowest level first (bronze before gold), then the most services.
  return [...byRule.values()].sort(
    (a, b) =>
      LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
      b.services.length - a.services.length ||
      a.key.localeCompare(b.key),
  );
}
