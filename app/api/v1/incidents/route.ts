import { countIngested } from "@/lib/core/metrics";
import { apiRoute, json } from "@/lib/core/api/route";
import { recordIncidents } from "@/lib/delivery/server";
import { parseIngestBody, ZIncidentBatch, ZIncidentInput } from "@/lib/delivery/schemas";

// One incident, or {"incidents": [≤ 1000]}, upserted by (service, externalId). All-or-nothing.
export const POST = apiRoute<unknown>({ bodyFormat: "json" }, async ({ actor, body }) => {
  const single = !(body && typeof body === "object" && "incidents" in body);
  const items = parseIngestBody(body, "incidents", ZIncidentInput, ZIncidentBatch);
  const result = await recordIncidents(items, actor!, { single });
  countIngested("incident", "accepted", result.created + result.updated);
  return json(result, 201);
});
