import { apiRoute, json } from "@/lib/api/handler";
import { recordDeployments } from "@/lib/data/ingest";
import { parseIngestBody, ZDeploymentBatch, ZDeploymentInput } from "@/lib/ingest/schemas";

// One deployment, or {"deployments": [≤ 1000]}. All-or-nothing; committed before the 201.
export const POST = apiRoute<unknown>({ bodyFormat: "json" }, async ({ actor, body }) => {
  const single = !(body && typeof body === "object" && "deployments" in body);
  const items = parseIngestBody(body, "deployments", ZDeploymentInput, ZDeploymentBatch);
  return json(await recordDeployments(items, actor!, { single }), 201);
});
