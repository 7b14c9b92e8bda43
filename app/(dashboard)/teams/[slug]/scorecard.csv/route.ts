import { getCurrentUser } from "@/lib/core/auth/session";
import { can } from "@/lib/core/auth/permissions";
import { csvResponse } from "@/lib/core/api/csv";
import { getTeamScorecard } from "@/lib/scorecards/server";

export async function GET(_req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const user = await getCurrentUser();
  if (!can(user, "read")) return new Response("Sign in to export", { status: 401 });
  const { slug } = await ctx.params;
  const scorecard = await getTeamScorecard(slug);
  if (!scorecard) return new Response("Team not found", { status: 404 });
  return csvResponse(
    `${slug}-scorecard.csv`,
    ["service", "tier", "level", "score", "failingRules"],
    scorecard.services.map((s) => [s.service.slug, s.service.tier, s.result.level, s.result.score, s.result.rules.filter((r) => !r.pass).map((r) => r.key).join(" ")]),
  );
}
