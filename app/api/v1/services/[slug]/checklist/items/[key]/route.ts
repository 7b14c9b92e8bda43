import { apiRoute, json } from "@/lib/core/api/route";
import { updateChecklistItem } from "@/lib/readiness/server";
import { ZItemUpdate } from "@/lib/readiness/schemas";

// Optimistic concurrency: send the version you saw; a stale version gets 409 and changes nothing.
export const PATCH = apiRoute({ body: ZItemUpdate }, async ({ actor, body, params }) => {
  const state = await updateChecklistItem({ serviceSlug: params.slug, itemKey: params.key, ...body }, actor!);
  return json({
    item: state.itemKey,
    status: state.status,
    version: state.version,
    evidenceUrl: state.evidenceUrl,
    note: state.note,
    reason: state.naReason,
    updatedAt: state.updatedAt.toISOString(),
  });
});
