"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import {
  createScorecard,
  deleteRule,
  importScorecard,
  saveRule,
  updateScorecardSettings,
  type ScorecardImportResult,
} from "@/lib/scorecards/server/scorecard-admin";
import { ZRuleCheck } from "@/lib/scorecards/domain/scorecard";
import { ZRuleDocument } from "@/lib/scorecards/domain/document";
import { ZSlug } from "@/lib/core/schemas";
import { authedAction } from "@/lib/core/auth/action";
import { uploadedText, ZYamlUpload } from "@/lib/core/upload";

const list = z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));
const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());
const revalidateScorecards = () => {
  revalidatePath("/settings/scorecards", "layout");
  revalidatePath("/scorecards");
  revalidatePath("/services", "layout");
  revalidatePath("/teams", "layout");
};

export const importScorecardAction = authedAction<typeof ZYamlUpload, ScorecardImportResult>(
  ZYamlUpload,
  async (upload, user) => {
    const text = await uploadedText(upload);
    if (!text.trim()) return { status: "error", message: "Choose a scorecard YAML file or paste it." };
    const result = await importScorecard(text, user);
    revalidateScorecards();
    return {
      status: "success",
      message: `Scorecard ${result.key}: ${result.action} (${result.rules} rules).`,
      data: result,
    };
  },
);

/** The rule editor's flat fields, assembled into a rule document (the check validated by its type). */
const ZRuleForm = z
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

export const saveRuleAction = authedAction(ZRuleForm, async ({ scorecard, originalKey, rule }, user) => {
  await saveRule(scorecard, rule, user, originalKey);
  revalidateScorecards();
  // An edit can move the rule to another level's list, which remounts its form: confirm at page level instead.
  if (originalKey) redirect(`/settings/scorecards/${scorecard}?saved=${encodeURIComponent(rule.key)}#rule-${rule.key}`);
  return { status: "success", message: `Rule "${rule.name}" saved. Levels now follow it.` };
});

export const deleteRuleAction = authedAction(
  z.object({ scorecard: ZSlug, rule: ZSlug }),
  async ({ scorecard, rule }, user) => {
    await deleteRule(scorecard, rule, user);
    revalidateScorecards();
    return { status: "success", message: "Rule deleted." };
  },
);

const ZSettings = z.object({
  scorecard: ZSlug,
  name: z.string().trim().min(1, "is required").max(120),
  description: z.string().trim().max(4000).optional(),
  enabled: checkbox,
  isDefault: checkbox,
});

export const updateScorecardSettingsAction = authedAction(
  ZSettings,
  async ({ scorecard, name, description, enabled, isDefault }, user) => {
    await updateScorecardSettings(scorecard, { name, description: description || null, enabled, isDefault }, user);
    revalidateScorecards();
    return { status: "success", message: "Scorecard saved." };
  },
);

export const createScorecardAction = authedAction(
  z.object({
    key: ZSlug,
    name: z.string().trim().min(1, "is required").max(120),
    description: z.string().trim().max(4000).optional(),
  }),
  async ({ key, name, description }, user) => {
    await createScorecard({ key, name, description: description || null }, user);
    revalidateScorecards();
    return { status: "success", message: `Scorecard ${name} created. Add its rules below.` };
  },
);
