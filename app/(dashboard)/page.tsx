import type { Metadata } from "next";
import { Activity, AlertTriangle, Gauge, Rocket, Server, Users } from "lucide-react";
import Link from "next/link";
import { DeploymentsPerWeekChart } from "@/components/delivery/deployments-per-week";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { requireUser } from "@/lib/core/auth/session";
import { getDeploymentsPerWeek, getOverviewCounts, getSetupProgress } from "@/lib/catalog/server";
import { StartHere } from "@/components/catalog/start-here";
import { can } from "@/lib/core/auth/permissions";
import { formatNumber } from "@/lib/core/format";
import { PlatformAttention } from "@/components/overview/platform-attention";
import { TeamNextSteps } from "@/components/overview/team-next-steps";
import { loadPlatformAttention, loadTeamNextSteps } from "./_overview/data";
import { buttonVariants } from "@/components/ui/button";

export const metadata: Metadata = { title: "Overview" };

const fmt = (n: number) => formatNumber(n);

/** Whether the week starting on this day (UTC) is still under way. */
const isCurrentWeek = (week: string | undefined) =>
  week !== undefined && new Date(`${week}T00:00:00Z`).getTime() + 7 * 86_400_000 > Date.now();

export default async function OverviewPage() {
  const user = await requireUser();
  const [counts, weekly, setup, attention, nextSteps] = await Promise.all([
    getOverviewCounts(user),
    getDeploymentsPerWeek(user, 26),
    getSetupProgress(user),
    user.role === "platform" ? loadPlatformAttention(user) : null,
    user.role === "engineer" ? loadTeamNextSteps(user) : null,
  ]);
  const setUp = setup.catalog && setup.deployments && setup.incidents;
  const hasDeployments = weekly.some((w) => w.deployments > 0);
  return (
    <>
      <PageHeader
        title="Overview"
        description={`Welcome back${user.name ? `, ${user.name.split(" ")[0]}` : ""}. ${
          user.role === "platform"
            ? "What needs the platform team, then the organisation at a glance."
            : user.role === "engineer"
              ? "What your services need next, then the organisation at a glance."
              : "The organisation at a glance."
        }`}
      />
      {setUp ? null : <StartHere progress={setup} canConnect={can(user, "event.map")} />}
      {attention ? <PlatformAttention data={attention} /> : null}
      {nextSteps ? <TeamNextSteps cards={nextSteps} /> : null}
      {user.role === "leadership" ? (
        <Card className="mb-6" data-testid="leadership-link">
          <CardHeader>
            <div>
              <CardTitle>Delivery, reliability and the return on readiness</CardTitle>
              <CardDescription>
                DORA trends, error budgets, readiness levels and ROI by quarter, with a PDF report for the board.
              </CardDescription>
            </div>
            <Link href="/leadership" className={buttonVariants({ size: "sm" })}>
              Open the leadership view
            </Link>
          </CardHeader>
        </Card>
      ) : null}
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-3 xl:grid-cols-6">
        <StatCard label="Teams" value={fmt(counts.teams)} icon={Users} />
        <StatCard label="Services" value={fmt(counts.services)} icon={Server} hint={`${fmt(counts.tier1)} tier 1`} />
        <StatCard
          label="Deploys · 30d"
          value={fmt(counts.deployments30d)}
          icon={Rocket}
          hint="successful, production"
        />
        <StatCard label="Incidents · 30d" value={fmt(counts.incidents30d)} icon={AlertTriangle} />
        <StatCard label="Open incidents" value={fmt(counts.openIncidents)} icon={Activity} />
        <StatCard label="SLOs" value={fmt(counts.slos)} icon={Gauge} />
      </div>
      <Card className="mt-6">
        <CardHeader>
          <div>
            <CardTitle>Deployments per week</CardTitle>
            <CardDescription>
              Successful production deployments across the organisation, last 26 weeks (UTC weeks starting Monday; the
              week under way is lighter)
            </CardDescription>
          </div>
        </CardHeader>
        <CardContent>
          {hasDeployments ? (
            <DeploymentsPerWeekChart data={weekly} partialLast={isCurrentWeek(weekly.at(-1)?.week)} />
          ) : (
            <EmptyState icon={Rocket} title="No deployments yet">
              Send deployments with <code className="font-mono">POST /api/v1/deployments</code> or connect the GitHub
              webhook. See the{" "}
              <Link className="text-primary underline" href="/api/v1/openapi.json">
                API reference
              </Link>
              .
            </EmptyState>
          )}
        </CardContent>
      </Card>
    </>
  );
}
