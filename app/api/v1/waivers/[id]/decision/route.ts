import { apiRoute, json } from "@/lib/api/handler";
import { decideWaiver } from "@/lib/data/waivers";
import { ZWaiverDecision } from "@/lib/schemas/readiness";

export const POST = apiRoute({ body: ZWaiverDecision }, async ({ actor, body, params }) => {
  const waiver = await decideWaiver({ waiverId: params.id, decision: body.decision, note: body.note }, actor!);
  return json({ id: waiver.id, status: waiver.status });
});
