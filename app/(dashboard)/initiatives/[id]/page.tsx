import type { Metadata } from "next";
import { CheckCircle2 } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TierBadge } from "@/components/catalog/tier-badge";
import { ActionButton } from "@/components/ui/action-button";
import { BurnUpChart } from "@/components/scorecards/burn-up-chart";
import { InitiativeTargetLabel, ScheduleLabel } from "@/components/scorecards/initiative-target";
import { LevelBadge } from "@/components/scorecards/level-badge";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Progress, progressTone } from "@/components/ui/progress";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { archiveInitiativeAction } from "@/lib/scorecards/actions";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { getInitiative } from "@/lib/scorecards/server";
import { isUuid } from "@/lib/core/schemas";
import { isoDate } from "@/lib/core/calendar";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Initiative" };

export default async function InitiativePage({ params }: Props) {
  const user = await requireUser();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const initiative = await getInitiative(user, id);
  if (!initiative) notFound();
  const failing = initiative.services.filter((s) => s.gaps.length > 0);
  const done = initiative.services.filter((s) => s.gaps.length === 0);
  const pct = initiative.scope ? Math.round((initiative.done / initiative.scope) * 100) : 0;
  return (
    <>
      <PageHeader
        title={initiative.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <InitiativeTargetLabel target={initiative.target} />
            <span className="text-muted-foreground">
              · owner {initiative.owner} · due {isoDate(initiative.targetDate)}
            </span>
            {initiative.overdue ? <Badge tone="danger">overdue</Badge> : null}
            {initiative.archivedAt ? <Badge>archived</Badge> : null}
          </span>
        }
        actions={
          can(user, "initiative.manage") ? (
            <ActionButton
              action={archiveInitiativeAction}
              fields={{ id: initiative.id }}
              label={initiative.archivedAt ? "Unarchive" : "Archive"}
              pendingLabel="Saving…"
            />
          ) : null
        }
      />
      {initiative.overdue ? (
        <Alert tone="danger" className="mb-6" title="Overdue">
          The target date has passed and {failing.length} service{failing.length === 1 ? "" : "s"} still fall short.
        </Alert>
      ) : null}
      {initiative.description ? (
        <p className="mb-6 max-w-3xl text-sm text-muted-foreground">{initiative.description}</p>
      ) : null}
      <div className="mb-6 grid grid-cols-1 gap-4 md:grid-cols-3">
        <Card className="p-4">
          <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Progress</p>
          <p className="mt-2 text-3xl font-semibold tabular-nums" data-testid="initiative-progress">
            {initiative.done}/{initiative.scope}
          </p>
          <Progress
            className="mt-2"
            value={pct}
            label={`${pct}% of services meet the target`}
            tone={progressTone(pct)}
          />
        </Card>
        <Card className="p-4">
          <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Time</p>
          <p className="mt-2 text-3xl font-semibold tabular-nums">
            <ScheduleLabel daysLeft={initiative.daysLeft} overdue={initiative.overdue} complete={initiative.complete} />
          </p>
          <p className="mt-1 text-xs text-muted-foreground">target {isoDate(initiative.targetDate)}</p>
        </Card>
        <Card className="p-4">
          <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Scope</p>
          <p className="mt-2 text-sm">
            {initiative.teams.length
              ? initiative.teams.map((t) => t.team.name).join(", ")
              : initiative.services.length
                ? "selected services"
                : "whole organisation"}
          </p>
          <p className="mt-1 text-xs text-muted-foreground">{initiative.scope} active services</p>
        </Card>
      </div>
      <Card className="mb-6">
        <CardHeader>
          <div>
            <CardTitle>Burn-up</CardTitle>
            <CardDescription>
              Services meeting the target each day (daily snapshots), against the scope and an even pace to the target
              date
            </CardDescription>
          </div>
        </CardHeader>
        <CardContent>
          <BurnUpChart data={initiative.burnUp} />
        </CardContent>
      </Card>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[3fr_2fr]">
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Still failing ({failing.length})</CardTitle>
              <CardDescription>Most critical first, with what is missing</CardDescription>
            </div>
          </CardHeader>
          {failing.length === 0 ? (
            <CardContent>
              <p className="flex items-center gap-2 text-sm text-success-ink">
                <CheckCircle2 className="size-4" aria-hidden /> Every service in scope meets the target.
              </p>
            </CardContent>
          ) : (
            <Table aria-label="Services still failing">
              <THead>
                <TR>
                  <TH>Service</TH>
                  <TH>Tier</TH>
                  <TH>Level</TH>
                  <TH>Missing</TH>
                </TR>
              </THead>
              <TBody>
                {failing
                  .sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name))
                  .map((s) => (
                    <TR key={s.id}>
                      <TD>
                        <Link href={`/services/${s.slug}/scorecard`} className="font-medium hover:underline">
                          {s.name}
                        </Link>
                        <span className="block text-xs text-muted-foreground">{s.team}</span>
                      </TD>
                      <TD>
                        <TierBadge tier={s.tier} />
                      </TD>
                      <TD>
                        <LevelBadge level={s.level} />
                      </TD>
                      <TD className="max-w-md text-xs text-muted-foreground">{s.gaps.slice(0, 2).join("; ")}</TD>
                    </TR>
                  ))}
              </TBody>
            </Table>
          )}
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Done ({done.length})</CardTitle>
            </div>
          </CardHeader>
          <CardContent>
            {done.length === 0 ? (
              <p className="text-sm text-muted-foreground">None yet.</p>
            ) : (
              <ul className="grid grid-cols-1 gap-1.5 text-sm">
                {done.map((s) => (
                  <li key={s.id} className="flex items-center justify-between gap-2">
                    <Link href={`/services/${s.slug}/scorecard`} className="hover:underline">
                      {s.name}
                    </Link>
                    <LevelBadge level={s.level} />
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
