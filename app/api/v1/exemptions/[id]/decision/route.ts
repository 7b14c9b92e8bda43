import { apiRoute, json, ZIdParams } from "@/lib/core/api/route";
import { decideExemption } from "@/lib/scorecards/server";
import { ZExemptionDecision } from "@/lib/scorecards/schemas";

/** The platform team approves, or rejects with a reason. */
export const POST = apiRoute({ body: ZExemptionDecision, params: ZIdParams }, async ({ actor, body, params }) =>
  json(await decideExemption({ id: params.id, decision: body.decision, note: body.note }, actor!)),
);
