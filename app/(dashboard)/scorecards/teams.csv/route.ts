import { exportRoute } from "@/lib/core/api/export-route";
import { getOrgScorecard } from "@/lib/scorecards/server";

export const GET = exportRoute({}, async ({ actor }) => ({
  filename: "team-scorecards.csv",
  columns: ["rank", "team", "score", "services", "gold", "silver", "bronze", "none", "worstRule", "worstRuleServices"],
  rows: (await getOrgScorecard(actor)).teams.map((t, i) => [
    i + 1,
    t.team.slug,
    t.score,
    t.services.length,
    t.levels.gold,
    t.levels.silver,
    t.levels.bronze,
    t.levels.none,
    t.failing[0]?.key ?? "",
    t.failing[0]?.services.length ?? 0,
  ]),
}));
