import { apiRoute, json } from "@/lib/core/api/route";
import { requestWaiver } from "@/lib/readiness/server";
import { ZWaiverRequest } from "@/lib/readiness/schemas";

export const POST = apiRoute({ body: ZWaiverRequest }, async ({ actor, body, params }) => {
  const waiver = await requestWaiver(
    { serviceSlug: params.slug, itemKey: body.item, justification: body.justification, expiresAt: body.expiresAt },
    actor!,
  );
  return json(
    { id: waiver.id, item: waiver.itemKey, status: waiver.status, expiresAt: waiver.expiresAt.toISOString() },
    201,
  );
});
