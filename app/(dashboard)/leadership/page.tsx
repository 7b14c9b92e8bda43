import type { Metadata } from "next";
import { BarChart3 } from "lucide-react";
import { MonthlyDeliveryChart } from "@/components/charts/monthly-delivery";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getMonthlyDeliveryTotals } from "@/lib/data/overview";

export const metadata: Metadata = { title: "Leadership" };

export default async function LeadershipPage() {
  const user = await requireUser();
  if (user.role === "engineer" && !can(user, "roi.edit")) {
    return (
      <>
        <PageHeader title="Leadership" />
        <Alert tone="warning" title="For leadership and the platform team">
          This page shows organisation-wide trends for leadership. Team and service pages have the same numbers in detail.
        </Alert>
      </>
    );
  }
  const months = await getMonthlyDeliveryTotals(6);
  const any = months.some((m) => m.deployments > 0 || m.incidents > 0);
  return (
    <>
      <PageHeader title="Leadership" description="Organisation-wide delivery over the last six months (UTC calendar months)." />
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Deployments and incidents per month</CardTitle>
            <CardDescription>Successful production deployments (bars) against incidents started (line)</CardDescription>
          </div>
        </CardHeader>
        <CardContent>
          {any ? <MonthlyDeliveryChart data={months} /> : <EmptyState icon={BarChart3} title="No delivery data yet" />}
        </CardContent>
        {any ? (
          <Table>
            <THead>
              <tr>
                <TH>Month</TH>
                <TH className="text-right">Deployments</TH>
                <TH className="text-right">Incidents</TH>
                <TH className="text-right">Downtime (min)</TH>
              </tr>
            </THead>
            <TBody>
              {months.map((m) => (
                <TR key={m.month}>
                  <TD>{m.month}</TD>
                  <TD className="text-right tabular-nums">{m.deployments.toLocaleString("en-US")}</TD>
                  <TD className="text-right tabular-nums">{m.incidents}</TD>
                  <TD className="text-right tabular-nums">{m.downtimeMinutes.toLocaleString("en-US")}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        ) : null}
      </Card>
    </>
  );
}
