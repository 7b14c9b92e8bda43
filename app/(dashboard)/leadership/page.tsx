import type { Metadata } from "next";
import { Printer } from "lucide-react";
import Link from "next/link";
import { LeadershipPeriodNav } from "@/components/leadership/period-nav";
import { LeadershipView } from "@/components/leadership/leadership-view";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { loadLeadership } from "@/lib/leadership/server";
import { readRollupLag } from "@/lib/delivery/server";
import { RollupFreshness } from "@/components/delivery/rollup-freshness";
import { formatDateTime } from "@/lib/core/format";
import { parseLeadershipPeriod, recentPeriods } from "@/lib/core/period";

export const metadata: Metadata = { title: "Leadership" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LeadershipPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, "roi.edit")) {
    return (
      <>
        <PageHeader title="Leadership" />
        <Alert tone="warning" title="For leadership and the platform team">
          This page shows organisation-wide trends and the return on readiness work. Team and service pages have the
          same numbers in detail.
        </Alert>
      </>
    );
  }
  const now = new Date();
  const sp = await searchParams;
  const period = parseLeadershipPeriod(sp, now);
  const [data, lag] = await Promise.all([
    loadLeadership(user, period, { fresh: sp.fresh === "1" }),
    readRollupLag(user),
  ]);
  return (
    <>
      <PageHeader
        title="Leadership"
        description="Is the investment in production readiness paying off? The organisation's own numbers, with every assumption in view."
        actions={
          <a
            href={`/leadership/report?${new URLSearchParams(period.params)}`}
            className={buttonVariants({ variant: "secondary", size: "sm" })}
          >
            <Printer aria-hidden /> Printable report
          </a>
        }
      />
      <div className="mb-6">
        <LeadershipPeriodNav path="/leadership" period={period} named={recentPeriods(now)} />
      </div>
      <LeadershipView data={data} mode="page" canEdit={can(user, "roi.edit")} />
      <p className="mt-6 text-xs text-muted-foreground">
        Computed {formatDateTime(data.computedAt)}; kept until the next delivery, for up to twenty minutes (a change to
        the assumptions shows at once).{" "}
        <Link
          href={`/leadership?${new URLSearchParams({ ...period.params, fresh: "1" })}`}
          prefetch={false}
          className="text-primary hover:underline"
        >
          Recompute now
        </Link>{" "}
        <RollupFreshness {...lag} />
      </p>
    </>
  );
}
