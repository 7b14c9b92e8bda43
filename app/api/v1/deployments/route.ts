import { countIngested } from "@/lib/core/metrics";
import { apiRoute, json } from "@/lib/core/api/route";
import { recordDeployments } from "@/lib/delivery/server";
import { parseIngestBody, ZDeploymentBatch, ZDeploymentInput } from "@/lib/delivery/schemas";

// One deployment, or {"deployments": [≤ 1000]}. All-or-nothing; committed before the 201.
export const POST = apiRoute<unknown>({ bodyFormat: "json" }, async ({ actor, body }) => {
  const single = !(body && typeof body === "object" && "deployments" in body);
  const items = parseIngestBody(body, "deployments", ZDeploymentInput, ZDeploymentBatch);
  const result = await recordDeployments(items, actor!, { single });
  countIngested("deployment", "accepted", result.created);
  countIngested("deployment", "duplicate", result.duplicates);
  return json(result, 201);
});
