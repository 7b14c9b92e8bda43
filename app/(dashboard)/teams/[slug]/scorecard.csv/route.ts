import { exportRoute } from "@/lib/core/api/export-route";
import { notFound } from "@/lib/core/errors";
import { getTeamScorecard } from "@/lib/scorecards/server";

export const GET = exportRoute({}, async ({ actor, params }) => {
  const scorecard = await getTeamScorecard(actor, params.slug);
  if (!scorecard) throw notFound(`Team "${params.slug}"`);
  return {
    filename: `${params.slug}-scorecard.csv`,
    columns: ["service", "tier", "level", "score", "failingRules"],
    rows: scorecard.services.map((s) => [
      s.service.slug,
      s.service.tier,
      s.result.level,
      s.result.score,
      s.result.rules
        .filter((r) => !r.pass)
        .map((r) => r.key)
        .join(" "),
    ]),
  };
});
