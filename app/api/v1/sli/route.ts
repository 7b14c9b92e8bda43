import { countIngested } from "@/lib/core/metrics";
import { apiRoute, json } from "@/lib/core/api/route";
import { recordSli } from "@/lib/slo/server";
import { ZSliInput } from "@/lib/slo/schemas";

// SLI samples for one SLO; a repeated (slo, start) replaces the earlier sample. All-or-nothing.
export const POST = apiRoute({ body: ZSliInput }, async ({ actor, body }) => {
  const result = await recordSli(body, actor!);
  countIngested("sli_sample", "accepted", result.accepted);
  return json(result, 201);
});
