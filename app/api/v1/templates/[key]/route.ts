import { z } from "zod";
import { apiRoute } from "@/lib/core/api/route";
import { exportTemplateYaml } from "@/lib/readiness/server";

const ZQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

/** The template as YAML (config as code): the latest version, or ?version=N. */
export const GET = apiRoute({ query: ZQuery }, async ({ actor, params, query }) => {
  const { version, yaml } = await exportTemplateYaml(actor, params.key, query.version);
  return new Response(yaml, {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="${params.key}-v${version}.yaml"`,
    },
  });
});
