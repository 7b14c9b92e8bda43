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
import { ZSlug } from "@/lib/core/schemas";
import { authedAction } from "@/lib/core/auth/action";
import { archiveInitiative, createInitiative } from "@/lib/scorecards/server/initiatives";
import { uploadedText, ZYamlUpload } from "@/lib/core/upload";
import {
  ZExemptionDecision,
  ZExemptionRequest,
  ZExpressionPreview,
  ZInitiativeForm,
  ZRuleForm,
  ZSettings,
} from "@/lib/scorecards/schemas";
import { decideExemption, requestExemption, revokeExemption } from "@/lib/scorecards/server/exemptions";
import { previewExpression } from "@/lib/scorecards/server/expressions";
import type { ExpressionPreview } from "@/lib/scorecards/domain/expression";

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

export const updateScorecardSettingsAction = authedAction(
  ZSettings,
  async ({ scorecard, name, description, enabled, isDefault, scope }, user) => {
    await updateScorecardSettings(
      scorecard,
      { name, description: description || null, enabled, isDefault, scope },
      user,
    );
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

export const createInitiativeAction = authedAction(ZInitiativeForm, async (input, user) => {
  const initiative = await createInitiative(
    {
      name: input.name,
      description: input.description || null,
      targetLevel: input.targetLevel,
      ruleKeys: input.ruleKeys,
      teamIds: input.teamIds,
      serviceSlugs: input.services,
      ownerId: input.ownerId,
      targetDate: new Date(`${input.targetDate}T23:59:59Z`),
    },
    user,
  );
  revalidatePath("/initiatives");
  redirect(`/initiatives/${initiative.id}`);
});

export const archiveInitiativeAction = authedAction(z.object({ id: z.uuid() }), async ({ id }, user) => {
  await archiveInitiative(id, user);
  revalidatePath("/initiatives");
  revalidatePath(`/initiatives/${id}`);
  return { status: "success", message: "Saved." };
});

/** Runs an expression on one service's live document; changes nothing. */
export const previewExpressionAction = authedAction<typeof ZExpressionPreview, ExpressionPreview>(
  ZExpressionPreview,
  async ({ expression, service }, user) => {
    const preview = await previewExpression(user, expression, service);
    return {
      status: "success",
      message: preview.pass ? `Passes on ${service}.` : `Fails on ${service}.`,
      data: preview,
    };
  },
);

/** An engineer asks for one failing rule of their service to be waived until a date. */
export const requestExemptionAction = authedAction(
  ZExemptionRequest.extend({ service: ZSlug, scorecard: ZSlug }),
  async (input, user) => {
    const exemption = await requestExemption(input, user);
    revalidatePath("/waivers");
    revalidatePath(`/services/${input.service}`, "layout");
    return {
      status: "success",
      message: `Exemption from "${exemption.ruleName}" requested; the platform team decides on the Waivers page.`,
    };
  },
);

export const decideExemptionAction = authedAction(
  ZExemptionDecision.extend({ id: z.uuid() }),
  async ({ id, decision, note }, user) => {
    const exemption = await decideExemption({ id, decision, note }, user);
    revalidateScorecards();
    revalidatePath("/waivers");
    return {
      status: "success",
      message: `${exemption.serviceName}: exemption from "${exemption.ruleName}" ${decision === "approve" ? "approved" : "rejected"}.`,
    };
  },
);

export const revokeExemptionAction = authedAction(
  z.object({ id: z.uuid(), note: z.string().trim().max(2000).optional() }),
  async ({ id, note }, user) => {
    const exemption = await revokeExemption({ id, note }, user);
    revalidateScorecards();
    revalidatePath("/waivers");
    return { status: "success", message: `${exemption.serviceName}: exemption from "${exemption.ruleName}" revoked.` };
  },
);
