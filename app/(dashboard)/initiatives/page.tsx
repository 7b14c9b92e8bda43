import type { Metadata } from "next";
import { Flag, Plus } from "lucide-react";
import Link from "next/link";
import { InitiativeTargetLabel, ScheduleLabel } from "@/components/scorecards/initiative-target";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Progress, progressTone } from "@/components/ui/progress";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { listInitiatives } from "@/lib/scorecards/server";
import { plural } from "@/lib/core/format";
import { isoDate } from "@/lib/core/calendar";

export const metadata: Metadata = { title: "Initiatives" };

export default async function InitiativesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requireUser();
  const archived = (await searchParams).archived === "1";
  const rows = await listInitiatives(user, { archived });
  return (
    <>
      <PageHeader
        title="Initiatives"
        description="Campaigns that bring a set of services to a level or a set of rules by a date."
        actions={
          can(user, "initiative.manage") ? (
            <Link href="/initiatives/new" className={buttonVariants({ size: "sm" })}>
              <Plus aria-hidden /> New initiative
            </Link>
          ) : null
        }
      />
      <nav aria-label="Initiative lists" className="mb-4 flex gap-3 text-sm">
        <Link
          href="/initiatives"
          aria-current={!archived ? "page" : undefined}
          className={!archived ? "font-semibold" : "text-muted-foreground hover:underline"}
        >
          Active
        </Link>
        <Link
          href="/initiatives?archived=1"
          aria-current={archived ? "page" : undefined}
          className={archived ? "font-semibold" : "text-muted-foreground hover:underline"}
        >
          Archived
        </Link>
      </nav>
      <Card>
        {rows.length === 0 ? (
          <EmptyState icon={Flag} title={archived ? "No archived initiatives" : "No initiatives yet"}>
            {can(user, "initiative.manage")
              ? "Create one to rally teams around a level or a rule, with a date."
              : "The platform team creates initiatives; they will appear here."}
          </EmptyState>
        ) : (
          <Table aria-label="Initiatives">
            <THead>
              <TR>
                <TH>Initiative</TH>
                <TH>Target</TH>
                <TH>Owner</TH>
                <TH className="w-56">Progress</TH>
                <TH>Due</TH>
              </TR>
            </THead>
            <TBody>
              {rows.map((r) => {
                const pct = r.scope ? Math.round((r.done / r.scope) * 100) : 0;
                return (
                  <TR key={r.id}>
                    <TD>
                      <Link href={`/initiatives/${r.id}`} className="font-medium hover:underline">
                        {r.name}
                      </Link>
                      <span className="block text-xs text-muted-foreground">
                        {r.teams.length
                          ? r.teams.map((t) => t.team.name).join(", ")
                          : r.services.length
                            ? plural(r.services.length, "service")
                            : "whole organisation"}
                      </span>
                    </TD>
                    <TD>
                      <InitiativeTargetLabel
                        target={{ targetLevel: r.targetLevel === "none" ? null : r.targetLevel, ruleKeys: r.ruleKeys }}
                      />
                    </TD>
                    <TD className="text-sm">{r.owner}</TD>
                    <TD>
                      <div className="flex items-center gap-2">
                        <Progress
                          value={pct}
                          label={`${r.done} of ${r.scope} services meet the target`}
                          tone={progressTone(pct)}
                        />
                        <span className="text-xs whitespace-nowrap tabular-nums">
                          {r.done}/{r.scope}
                        </span>
                      </div>
                    </TD>
                    <TD className="text-sm whitespace-nowrap">
                      {r.overdue ? <Badge tone="danger">overdue</Badge> : null}{" "}
                      <span className="text-xs text-muted-foreground">{isoDate(r.targetDate)}</span>
                      <span className="block text-xs">
                        <ScheduleLabel daysLeft={r.daysLeft} overdue={r.overdue} complete={r.complete} />
                      </span>
                    </TD>
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
