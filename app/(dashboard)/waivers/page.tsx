import type { Metadata } from "next";
import { Download, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { TierBadge } from "@/components/catalog/tier-badge";
import { WaiverDecision } from "@/components/readiness/waiver-decision";
import { ExemptionDecision, RevokeExemption } from "@/components/scorecards/exemption-forms";
import { listExemptions } from "@/lib/scorecards/server";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { listWaivers, type WaiverFilter } from "@/lib/readiness/server";
import { cn } from "@/lib/core/cn";
import { formatDate } from "@/lib/core/format";
import { DAY_MS } from "@/lib/core/calendar";

export const metadata: Metadata = { title: "Waivers" };

const TABS: Array<{ key: WaiverFilter; label: string }> = [
  { key: "pending", label: "Pending" },
  { key: "active", label: "Active" },
  { key: "expired", label: "Expired" },
  { key: "rejected", label: "Rejected" },
  { key: "all", label: "All" },
];

function daysLeft(expiresAt: Date): number {
  return Math.ceil((expiresAt.getTime() - Date.now()) / DAY_MS);
}

export default async function WaiversPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const user = await requireUser();
  const requested = (await searchParams).status;
  const filter: WaiverFilter = TABS.some((t) => t.key === requested) ? (requested as WaiverFilter) : "pending";
  const [waivers, exemptions] = await Promise.all([
    listWaivers(user, filter),
    listExemptions(user, { state: filter === "all" ? "all" : filter }),
  ]);
  const canDecide = can(user, "waiver.decide");
  return (
    <>
      <PageHeader
        title="Waivers"
        description="Time-boxed exceptions: waivers of required checklist items, and exemptions from scorecard rules. An approved one counts as done (or passing) until it expires; then it is judged again."
        actions={
          <a
            href={`/waivers/export.csv?status=${filter}`}
            className={buttonVariants({ variant: "secondary", size: "sm" })}
          >
            <Download aria-hidden /> Export CSV
          </a>
        }
      />
      <nav aria-label="Waiver status" className="mb-4 flex flex-wrap gap-1">
        {TABS.map((t) => (
          <Link
            key={t.key}
            href={`/waivers?status=${t.key}`}
            aria-current={t.key === filter ? "page" : undefined}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm font-medium",
              t.key === filter ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:bg-muted",
            )}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      <Card>
        {waivers.length === 0 ? (
          <EmptyState icon={ShieldCheck} title={`No ${filter === "all" ? "" : `${filter} `}waivers`}>
            Engineers request waivers from a required checklist item on the service page.
          </EmptyState>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Service · item</TH>
                <TH className="hidden lg:table-cell">Justification</TH>
                <TH>Requested by</TH>
                <TH>Expires</TH>
                <TH>Status</TH>
                {canDecide && filter === "pending" ? <TH className="text-right">Decision</TH> : null}
              </tr>
            </THead>
            <TBody>
              {waivers.map((w) => {
                const left = daysLeft(w.expiresAt);
                return (
                  <TR key={w.id}>
                    <TD>
                      <Link
                        href={`/services/${w.service.slug}#item-${w.itemKey}`}
                        className="font-medium hover:underline"
                      >
                        {w.service.name}
                      </Link>{" "}
                      <TierBadge tier={w.service.tier} />
                      <p className="text-xs text-muted-foreground">{w.itemTitle}</p>
                    </TD>
                    <TD className="hidden max-w-sm text-muted-foreground lg:table-cell">
                      {w.justification}
                      {w.decisionNote ? (
                        <p className="mt-1 text-xs text-foreground">
                          {w.status === "rejected" ? "Rejected: " : "Decision: "}
                          {w.decisionNote}
                        </p>
                      ) : null}
                    </TD>
                    <TD className="text-muted-foreground">{w.requestedBy}</TD>
                    <TD className="whitespace-nowrap">
                      {formatDate(w.expiresAt)}
                      {w.status === "approved" && !w.expired ? (
                        <p className={cn("text-xs", left <= 7 ? "text-warning-ink" : "text-muted-foreground")}>
                          {left} day{left === 1 ? "" : "s"} left
                        </p>
                      ) : null}
                    </TD>
                    <TD>
                      <Badge
                        tone={
                          w.expired
                            ? "danger"
                            : w.status === "approved"
                              ? "success"
                              : w.status === "rejected"
                                ? "neutral"
                                : "warning"
                        }
                      >
                        {w.expired ? "expired" : w.status}
                      </Badge>
                    </TD>
                    {canDecide && filter === "pending" ? (
                      <TD className="text-right">
                        <WaiverDecision waiverId={w.id} label={`${w.service.name}: ${w.itemTitle}`} />
                      </TD>
                    ) : null}
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
      </Card>
      <Card id="exemptions" className="mt-6 scroll-mt-20" aria-label="Rule exemptions">
        <div className="border-b border-border px-5 py-3">
          <h2 className="text-sm font-semibold">Rule exemptions</h2>
          <p className="text-xs text-muted-foreground">
            One scorecard rule waived for one service. Teams request them from a service&apos;s Scorecard tab or{" "}
            <code className="font-mono">POST /api/v1/services/&#123;slug&#125;/exemptions</code>.
          </p>
        </div>
        {exemptions.length === 0 ? (
          <EmptyState icon={ShieldCheck} title={`No ${filter === "all" ? "" : `${filter} `}rule exemptions`} />
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <THead>
                <tr>
                  <TH>Service · rule</TH>
                  <TH className="hidden lg:table-cell">Justification</TH>
                  <TH>Requested by</TH>
                  <TH>Expires</TH>
                  <TH>Status</TH>
                  {canDecide ? <TH className="text-right">Decision</TH> : null}
                </tr>
              </THead>
              <TBody>
                {exemptions.map((e) => {
                  const left = daysLeft(new Date(e.expiresAt));
                  const label = `${e.serviceName}: ${e.ruleName}`;
                  return (
                    <TR key={e.id} data-exemption={e.id}>
                      <TD>
                        <Link href={`/services/${e.service}/scorecard`} className="font-medium hover:underline">
                          {e.serviceName}
                        </Link>
                        <p className="text-xs text-muted-foreground">
                          {e.ruleName} <span className="font-mono">({e.scorecard})</span>
                        </p>
                      </TD>
                      <TD className="hidden max-w-sm text-muted-foreground lg:table-cell">
                        {e.justification}
                        {e.decisionNote ? <p className="mt-1 text-xs">Decision: {e.decisionNote}</p> : null}
                      </TD>
                      <TD className="text-muted-foreground">{e.requestedBy}</TD>
                      <TD className="whitespace-nowrap">
                        {formatDate(new Date(e.expiresAt))}
                        {e.state === "active" ? (
                          <p className={cn("text-xs", left <= 7 ? "text-warning-ink" : "text-muted-foreground")}>
                            {left} day{left === 1 ? "" : "s"} left
                          </p>
                        ) : null}
                      </TD>
                      <TD>
                        <Badge
                          tone={
                            e.state === "active"
                              ? "success"
                              : e.state === "pending"
                                ? "warning"
                                : e.state === "expired"
                                  ? "danger"
                                  : "neutral"
                          }
                        >
                          {e.state}
                        </Badge>
                      </TD>
                      {canDecide ? (
                        <TD className="text-right">
                          {e.state === "pending" ? (
                            <ExemptionDecision id={e.id} label={label} />
                          ) : e.state === "active" ? (
                            <RevokeExemption id={e.id} label={label} />
                          ) : null}
                        </TD>
                      ) : null}
                    </TR>
                  );
                })}
              </TBody>
            </Table>
          </div>
        )}
      </Card>
    </>
  );
}
