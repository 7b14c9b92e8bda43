import type { Metadata } from "next";
import { Download } from "lucide-react";
import { Suspense } from "react";
import { OrgScorecardPanel } from "./org-scorecard-panel";
import { TrendPeriodNav } from "@/components/scorecards/trend-period-nav";
import { buttonVariants } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requireUser } from "@/lib/core/auth/session";
import { parseTrendPeriod } from "@/lib/core/period";

export const metadata: Metadata = { title: "Scorecards" };

export default async function OrgScorecardsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireUser();
  const period = parseTrendPeriod(await searchParams);
  return (
    <>
      <PageHeader
        title="Scorecards"
        description="Production readiness across the organisation: every team ranked by its tier-weighted score."
        actions={
          <a href="/scorecards/teams.csv" className={buttonVariants({ variant: "secondary", size: "sm" })}>
            <Download aria-hidden /> Export CSV
          </a>
        }
      />
      <div className="mb-6 flex justify-end">
        <TrendPeriodNav path="/scorecards" active={period.key} />
      </div>
      <Suspense fallback={<Skeleton className="h-96" aria-label="Evaluating every service's scorecard" />}>
        <OrgScorecardPanel period={period} />
      </Suspense>
    </>
  );
}
