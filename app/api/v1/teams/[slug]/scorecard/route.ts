import { apiRoute, json } from "@/lib/api/handler";
import { can, denialReason } from "@/lib/auth/permissions";
import { getTeamScorecard, teamScorecardJson } from "@/lib/data/scorecards";
import { forbidden, notFound } from "@/lib/errors";

/** The team's tier-weighted score, services per level and failing rules, worst first (CONTRACT §6). */
export const GET = apiRoute({}, async ({ actor, params }) => {
  if (!can(actor, "read")) throw forbidden(denialReason(actor, "read scorecards"));
  const now = new Date();
  const scorecard = await getTeamScorecard(params.slug, now);
  if (!scorecard) throw notFound(`Team "${params.slug}"`);
  return json(teamScorecardJson(scorecard, now));
});
