import { ZScorecardQuery } from "@/lib/scorecards/schemas";
import { apiRoute, json } from "@/lib/core/api/route";
import { getServiceScorecard, serviceScorecardJson } from "@/lib/scorecards/server";
import { notFound } from "@/lib/core/errors";

/** The service's level, score and every rule with pass/fail and why (CONTRACT §6). */
export const GET = apiRoute({ query: ZScorecardQuery }, async ({ actor, params, query }) => {
  const now = new Date();
  const scorecard = await getServiceScorecard(actor, params.slug, now, query.scorecard);
  if (!scorecard) throw notFound(`Service "${params.slug}"`);
  return json(serviceScorecardJson(scorecard, now));
});
