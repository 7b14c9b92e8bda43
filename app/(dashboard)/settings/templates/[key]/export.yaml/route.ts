import { z } from "zod";
import { exportRoute } from "@/lib/core/api/export-route";
import { parseOrThrow } from "@/lib/core/validation";
import { ZSlug } from "@/lib/core/schemas";
import { exportTemplateYaml } from "@/lib/readiness/server";

const ZQuery = z.object({ version: z.coerce.number().int().positive().optional() });

export const GET = exportRoute({ query: ZQuery }, async ({ actor, query, params }) => {
  const key = parseOrThrow(ZSlug, params.key);
  const { version, yaml } = await exportTemplateYaml(actor, key, query.version);
  return { filename: `${key}-v${version}.yaml`, yaml };
});
