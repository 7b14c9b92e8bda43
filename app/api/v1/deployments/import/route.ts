import { apiRoute, json } from "@/lib/core/api/route";
import { MAX_CSV_IMPORT_BYTES } from "@/lib/core/api/limits";
import { importCsvOrThrow } from "@/lib/delivery/server";

// A CSV file of past deployments (the columns of the Import page), all or nothing: one bad row, unknown
// service or service outside a team-bound token's team is a 400 naming its line, and nothing is written.
export const POST = apiRoute<string>(
  { bodyFormat: "csv", maxBodyBytes: MAX_CSV_IMPORT_BYTES },
  async ({ actor, body }) => json(await importCsvOrThrow("deployments", body, actor!), 201),
);
