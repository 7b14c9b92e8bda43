import { apiRoute } from "@/lib/core/api/route";
import { exportScorecardYaml } from "@/lib/scorecards/server";
import { ZScorecardKeyParams } from "@/lib/scorecards/schemas";

/** The scorecard as YAML, ready for `scorecard apply` or POST /api/v1/scorecards. */
export const GET = apiRoute({ params: ZScorecardKeyParams }, async ({ actor, params }) => {
  const text = await exportScorecardYaml(actor, params.key);
  return new Response(text, {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="${params.key}.yaml"`,
    },
  });
});
