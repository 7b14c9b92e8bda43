import { z } from "zod";
import { apiRoute, json } from "@/lib/core/api/route";
import { importSloYaml } from "@/lib/slo/server";
import { ZPrometheusUrl } from "@/lib/slo/schemas";

const ZQuery = z.object({ prometheusUrl: ZPrometheusUrl.optional() });

// OpenSLO (kind: SLO) and Sloth (version: prometheus/v1) documents; each stands alone. Their
// Prometheus queries are kept, and pulled from ?prometheusUrl= (platform team) or PROMETHEUS_URL.
export const POST = apiRoute({ bodyFormat: "yaml", query: ZQuery }, async ({ actor, rawBody, query }) =>
  json(await importSloYaml(rawBody.toString("utf8"), actor!, { prometheusUrl: query.prometheusUrl ?? null })),
);
