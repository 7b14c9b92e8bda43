import { apiRoute, json } from "@/lib/core/api/route";
import { listFacts } from "@/lib/catalog/server";

/** Every custom fact of the service, by key, with its latest value. */
export const GET = apiRoute({}, async ({ actor, params }) => json({ facts: await listFacts(actor, params.slug) }));
