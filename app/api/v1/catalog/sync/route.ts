import { apiRoute, json } from "@/lib/core/api/route";
import { syncConfiguredCatalog } from "@/lib/catalog/server";

// Runs the catalog sync now instead of at the next hourly run (platform team): 200 with what it did,
// including a catalog it could not read (then nothing changed); 409 when no catalog is configured.
export const POST = apiRoute({}, async ({ actor }) => json(await syncConfiguredCatalog(actor!)));
