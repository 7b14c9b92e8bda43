import { getCurrentUser } from "@/lib/core/auth/session";
import { can } from "@/lib/core/auth/permissions";
import { csvResponse } from "@/lib/core/api/csv";
import { getOrgScorecard } from "@/lib/scorecards/server";

export async function GET() {
  const user = await getCurrentUser();
  if (!can(user, "read")) return new Response("Sign in to export", { status: 401 });
  const { teams } = await getOrgScorecard();
  return csvResponse(
    "team-scorecards.csv",
    ["rank", "team", "score", "services", "gold", "silver", "bronze", "none", "worstRule", "worstRuleServices"],
    teams.map((t, i) => [i + 1, t.team.slug, t.score, t.services.length, t.levels.gold, t.levels.silver, t.levels.bronze, t.levels.none, t.failing[0]?.key ?? "", t.failing[0]?.services.length ?? 0]),
  );
}
