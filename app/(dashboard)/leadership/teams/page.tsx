import type { Metadata } from "next";
import Link from "next/link";
import { Download } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { teamBreakdown } from "@/lib/leadership/server";
import { drillWindow } from "@/lib/leadership/domain";
import {
  isLeadershipMetric,
  LEADERSHIP_METRICS,
  metricValue,
  rankTeams,
  type LeadershipMetric,
} from "@/lib/leadership/domain";
import { parseLeadershipPeriod } from "@/lib/core/period";

export const metadata: Metadata = { title: "Teams behind the numbers · Leadership" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const COLUMNS: LeadershipMetric[] = [
  "score",
  "coverage",
  "deployments",
  "deployDays",
  "leadTime",
  "cfr",
  "recovery",
  "incidents",
  "downtime",
  "budget",
];

export default async function LeadershipTeamsPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, "roi.edit")) {
    return (
      <Alert tone="warning" title="For leadership and the platform team">
        Team and service pages have the same numbers in detail.
      </Alert>
    );
  }
  const sp = await searchParams;
  const period = parseLeadershipPeriod(sp);
  const metric: LeadershipMetric = isLeadershipMetric(sp.metric) ? sp.metric : "coverage";
  const { window, label, month } = drillWindow(period, sp.month);
  const rows = rankTeams(await teamBreakdown(user, window), metric);
  const m = LEADERSHIP_METRICS[metric];
  const back = `/leadership?${new URLSearchParams(period.params)}`;
  const csv = `/leadership/export/teams.csv?${new URLSearchParams({ ...period.params, metric, ...(month ? { month } : {}) })}`;
  return (
    <>
      <PageHeader
        title={m.label}
        description={
          <>
            Every team, {label}, {m.better === "up" ? "lowest" : "highest"} first.{" "}
            <Link href={back} className="text-primary hover:underline">
              ← Back to the organisation
            </Link>
          </>
        }
        actions={
          <a href={csv} className={buttonVariants({ variant: "secondary", size: "sm" })}>
            <Download aria-hidden /> Export CSV
          </a>
        }
      />
      <nav aria-label="Metric" className="mb-4 flex flex-wrap gap-1.5">
        {COLUMNS.map((k) => (
          <Link
            key={k}
            href={`/leadership/teams?${new URLSearchParams({ ...period.params, metric: k, ...(month ? { month } : {}) })}`}
            aria-current={k === metric ? "page" : undefined}
            className={
              k === metric
                ? "rounded-full bg-primary px-3 py-1 text-xs font-medium text-primary-foreground"
                : "rounded-full border border-border px-3 py-1 text-xs text-muted-foreground hover:bg-muted"
            }
          >
            {LEADERSHIP_METRICS[k].label}
          </Link>
        ))}
      </nav>
      <Card>
        <Table aria-label={`Teams by ${m.label}`}>
          <THead>
            <tr>
              <TH>Team</TH>
              <TH className="text-right">Services</TH>
              {COLUMNS.map((k) => (
                <TH key={k} className={k === metric ? "bg-accent text-right" : "text-right"}>
                  {LEADERSHIP_METRICS[k].short}
                </TH>
              ))}
            </tr>
          </THead>
          <TBody>
            {rows.map((r) => (
              <TR key={r.slug}>
                <TD className="whitespace-nowrap">
                  <Link href={`/teams/${r.slug}`} className="font-medium hover:underline">
                    {r.name}
                  </Link>
                </TD>
                <TD className="text-right tabular-nums">{r.services}</TD>
                {COLUMNS.map((k) => (
                  <TD
                    key={k}
                    className={
                      k === metric ? "bg-accent/50 text-right font-semibold tabular-nums" : "text-right tabular-nums"
                    }
                  >
                    {LEADERSHIP_METRICS[k].format(metricValue(r, k))}
                  </TD>
                ))}
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
    </>
  );
}
