import type { Metadata } from "next";
import { Download, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { TierBadge } from "@/components/catalog/tier-badge";
import { WaiverDecision } from "@/components/readiness/waiver-decision";
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
  const waivers = await listWaivers(user, filter);
  const canDecide = can(user, "waiver.decide");
  return (
    <>
      <PageHeader
        title="Waivers"
        description="Time-boxed exceptions to required checklist items. An approved waiver counts as done until it expires; then the item is open again."
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
                    <TD className="hidden max-w-sm text-muted-foreground lg:table-cell">{w.justification}</TD>
                    <TD className="text-muted-foreground">{w.requestedBy}</TD>
                    <TD className="whitespace-nowrap">
                      {formatDate(w.expiresAt)}
                      {w.status === "approved" && !w.expired ? (
                        <p className={cn("text-xs", left <= 7 ? "text-warning" : "text-muted-foreground")}>
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
    </>
  );
}
