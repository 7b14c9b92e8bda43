import { exportRoute } from "@/lib/core/api/export-route";
import { parseOrThrow } from "@/lib/core/validation";
import { ZSlug } from "@/lib/core/schemas";
import { exportScorecardYaml } from "@/lib/scorecards/server";

export const GET = exportRoute({}, async ({ actor, params }) => {
  const key = parseOrThrow(ZSlug, params.key);
  return { filename: `${key}.yaml`, yaml: await exportScorecardYaml(actor, key) };
});
