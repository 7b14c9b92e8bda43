import { apiRoute, json } from "@/lib/core/api/route";
import { putFacts } from "@/lib/catalog/server";
import { ZFactBatch } from "@/lib/catalog/schemas";

/** Many services' facts in one request, all or nothing (a scanner's nightly run over the catalog). */
export const POST = apiRoute({ body: ZFactBatch }, async ({ actor, body }) => json(await putFacts(actor!, body)));
