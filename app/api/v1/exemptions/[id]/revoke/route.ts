import { apiRoute, json, ZIdParams } from "@/lib/core/api/route";
import { revokeExemption } from "@/lib/scorecards/server";
import { ZExemptionRevoke } from "@/lib/scorecards/schemas";

/** Ends an active exemption now: the rule is judged again. */
export const POST = apiRoute({ body: ZExemptionRevoke, params: ZIdParams }, async ({ actor, body, params }) =>
  json(await revokeExemption({ id: params.id, note: body.note }, actor!)),
);
