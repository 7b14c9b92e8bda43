import { requireUser } from "@/lib/core/auth/session";
import { OrgScorecardSection } from "@/components/scorecards/org-scorecard-section";
import type { TrendPeriod } from "@/lib/core/period";
import { getOrgScorecard, teamScoresByDay } from "@/lib/scorecards/server";

/** Streams in behind a skeleton: the organisation's live scores and their daily history. */
export async function OrgScorecardPanel({ period }: { period: TrendPeriod }) {
  const user = await requireUser();
  const now = new Date();
  const [scorecard, history] = await Promise.all([getOrgScorecard(user, now), teamScoresByDay(user, period.from, now)]);
  return <OrgScorecardSection period={period} scorecard={scorecard} history={history} />;
}
