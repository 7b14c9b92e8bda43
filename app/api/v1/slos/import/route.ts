import { apiRoute, json } from "@/lib/core/api/route";
import { importSloYaml } from "@/lib/slo/server";

// OpenSLO (kind: SLO) and Sloth (version: prometheus/v1) documents; each stands alone.
export const POST = apiRoute({ bodyFormat: "yaml" }, async ({ actor, rawBody }) =>
  json(await importSloYaml(rawBody.toString("utf8"), actor!)),
);
