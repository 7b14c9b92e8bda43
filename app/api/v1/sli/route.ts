import { apiRoute, json } from "@/lib/api/handler";
import { recordSli } from "@/lib/data/slos";
import { ZSliInput } from "@/lib/schemas/slo";

// SLI samples for one SLO; a repeated (slo, start) replaces the earlier sample. All-or-nothing.
export const POST = apiRoute({ body: ZSliInput }, async ({ actor, body }) => json(await recordSli(body, actor!), 201));
