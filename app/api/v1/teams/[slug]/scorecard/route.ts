import { apiRoute, json } from "@/lib/core/api/route";
import { can, denialReason } from "@/lib/core/auth/permissions";
import { getTeamScorecard, teamScorecardJson } from "@/lib/scorecards/server";
import { forbidden, notFound } from "@/lib/core/errors";

/** The team's tier-weighted score, services per level and failing rules, worst first (CONTRACT §6). */
export const GET = apiRoute({}, async ({ actor, params }) => {
  if (!can(actor, "read")) throw forbidden(denialReason(actor, "read scorecards"));
  const now = new Date();
  const scorecard = await getTeamScorecard(params.slug, now);
  if (!scorecard) throw notFound(`Team "${params.slug}"`);
  return json(teamScorecardJson(scorecard, now));
});
