import { apiRoute, json } from "@/lib/core/api/route";
import { recordSli } from "@/lib/slo/server";
import { ZSliInput } from "@/lib/slo/schemas";

// SLI samples for one SLO; a repeated (slo, start) replaces the earlier sample. All-or-nothing.
export const POST = apiRoute({ body: ZSliInput }, async ({ actor, body }) => json(await recordSli(body, actor!), 201));
