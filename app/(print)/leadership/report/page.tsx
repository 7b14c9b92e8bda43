import type { Metadata } from "next";
import Link from "next/link";
import { LeadershipView } from "@/components/leadership/leadership-view";
import { ReportReady } from "@/components/leadership/report-ready";
import { Alert } from "@/components/ui/alert";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { loadLeadership } from "@/lib/leadership/server";
import { formatDateTime } from "@/lib/core/format";
import { parseLeadershipPeriod } from "@/lib/core/period";

export const metadata: Metadata = { title: "Production readiness report" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// The printable leadership report: headline numbers and ROI first, then trends, teams and
// assumptions, each section on its own page in print (npm run cli -- report prints it to PDF).
export default async function LeadershipReportPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, "roi.edit")) {
    return (
      <main className="mx-auto max-w-3xl p-8">
        <Alert tone="warning" title="For leadership and the platform team">
          The report shows organisation-wide figures.
        </Alert>
      </main>
    );
  }
  const period = parseLeadershipPeriod(await searchParams);
  const data = await loadLeadership(user, period);
  return (
    <main className="mx-auto max-w-[1100px] px-6 py-6 print:max-w-none print:p-0">
      <header className="mb-5 flex flex-wrap items-end justify-between gap-4 border-b border-border pb-4">
        <div>
          <p className="text-xs font-semibold tracking-widest text-primary uppercase">Shipshape</p>
          <h1 className="text-2xl font-semibold tracking-tight">Production readiness report · {period.label}</h1>
          <p className="mt-1 text-sm text-muted-foreground">
            Compared with {period.previousLabel}. Generated {formatDateTime(new Date())} for {user.name ?? user.email}.
            Figures are UTC calendar days.
          </p>
        </div>
        <div className="no-print flex items-center gap-3">
          <Link
            href={`/leadership?${new URLSearchParams(period.params)}`}
            className="text-sm text-primary hover:underline"
          >
            ← Back
          </Link>
          <ReportReady />
        </div>
      </header>
      <LeadershipView data={data} mode="report" canEdit={false} />
    </main>
  );
}
