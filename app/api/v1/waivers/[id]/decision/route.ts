import { apiRoute, json, ZIdParams } from "@/lib/core/api/route";
import { decideWaiver } from "@/lib/readiness/server";
import { ZWaiverDecision } from "@/lib/readiness/schemas";

export const POST = apiRoute({ body: ZWaiverDecision, params: ZIdParams }, async ({ actor, body, params }) => {
  const waiver = await decideWaiver({ waiverId: params.id, decision: body.decision, note: body.note }, actor!);
  return json({ id: waiver.id, status: waiver.status });
});
