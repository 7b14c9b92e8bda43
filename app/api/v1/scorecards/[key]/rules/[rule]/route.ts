import { apiRoute, json } from "@/lib/core/api/route";
import { deleteRule, getScorecardDefinition, saveRule } from "@/lib/scorecards/server";
import { ZRuleDocument } from "@/lib/scorecards/domain";
import { ZRuleParams } from "@/lib/scorecards/schemas";
import { AppError } from "@/lib/core/errors";

/** Adds the rule, or replaces it (an expression is checked as in the editor). */
export const PUT = apiRoute({ params: ZRuleParams, body: ZRuleDocument }, async ({ actor, params, body }) => {
  if (body.key !== params.rule)
    throw new AppError("validation_failed", `The rule's key "${body.key}" is not "${params.rule}"`, [
      { path: "key", message: `must be "${params.rule}"` },
    ]);
  const exists = (await getScorecardDefinition(params.key)).rules.some((r) => r.key === params.rule);
  await saveRule(params.key, body, actor!, exists ? params.rule : undefined);
  return json({ scorecard: params.key, rule: body.key, saved: true });
});

export const DELETE = apiRoute({ params: ZRuleParams }, async ({ actor, params }) => {
  await deleteRule(params.key, params.rule, actor!);
  return new Response(null, { status: 204 });
});
