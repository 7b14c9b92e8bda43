import { apiRoute, json } from "@/lib/api/handler";
import { requestWaiver } from "@/lib/data/waivers";
import { ZWaiverRequest } from "@/lib/schemas/readiness";

export const POST = apiRoute({ body: ZWaiverRequest }, async ({ actor, body, params }) => {
  const waiver = await requestWaiver({ serviceSlug: params.slug, itemKey: body.item, justification: body.justification, expiresAt: body.expiresAt }, actor!);
  return json({ id: waiver.id, item: waiver.itemKey, status: waiver.status, expiresAt: waiver.expiresAt.toISOString() }, 201);
});
