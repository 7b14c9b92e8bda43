import { apiRoute, json } from "@/lib/core/api/route";
import { importBackstageCatalog } from "@/lib/catalog/server";

// Backstage catalog-info.yaml, one or more documents. Good documents import even when others fail;
// each failure is reported with its document index (0-based) and reason.
export const POST = apiRoute({ bodyFormat: "yaml" }, async ({ actor, rawBody }) => {
  return json(await importBackstageCatalog(rawBody.toString("utf8"), actor!));
});
