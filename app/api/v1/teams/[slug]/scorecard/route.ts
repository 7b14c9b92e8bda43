import { ZScorecardQuery } from "@/lib/scorecards/schemas";
import { apiRoute, json } from "@/lib/core/api/route";
import { getTeamScorecard, teamScorecardJson } from "@/lib/scorecards/server";
import { notFound } from "@/lib/core/errors";

/** The team's tier-weighted score, services per level and failing rules, worst first (CONTRACT §6). */
export const GET = apiRoute({ query: ZScorecardQuery }, async ({ actor, params, query }) => {
  const now = new Date();
  const scorecard = await getTeamScorecard(actor, params.slug, now, query.scorecard);
  if (!scorecard) throw notFound(`Team "${params.slug}"`);
  return json(teamScorecardJson(scorecard, now));
});
