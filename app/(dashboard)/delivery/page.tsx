import type { Metadata } from "next";
import { Download, Upload, Users } from "lucide-react";
import Link from "next/link";
import { OrgDoraTable, ORG_SORTS, sortTeams, type OrgSort } from "@/components/delivery/org-dora-table";
import { PeriodPicker } from "@/components/delivery/period-picker";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { listTeamDora } from "@/lib/data/dora";
import { parsePagePeriod } from "@/lib/period";
import { withParams } from "@/lib/url";

export const metadata: Metadata = { title: "Delivery" };

export default async function OrgDeliveryPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireUser();
  const sp = await searchParams;
  const period = parsePagePeriod(sp);
  const sort: OrgSort = (ORG_SORTS as readonly string[]).includes(sp.sort ?? "") ? (sp.sort as OrgSort) : "team";
  const dir = sp.dir === "desc" ? "desc" : "asc";
  const rows = sortTeams(await listTeamDora(period.window, period.benchmark), sort, dir);
  const params = { ...period.params, sort, dir };
  return (
    <>
      <PageHeader
        title="Delivery"
        description="Every team's four keys side by side (DORA, DevLake-compatible definitions). Click a team for its trends."
        actions={
          <>
            <a href={withParams("/delivery/teams.csv", params, {})} className={buttonVariants({ variant: "secondary", size: "sm" })}>
              <Download aria-hidden /> Export CSV
            </a>
            <Link href="/delivery/import" className={buttonVariants({ variant: "secondary", size: "sm" })}>
              <Upload aria-hidden /> Import CSV
            </Link>
          </>
        }
      />
      <div className="mb-6">
        <PeriodPicker path="/delivery" period={period} />
      </div>
      <Card>
        {rows.length === 0 ? (
          <EmptyState icon={Users} title="No teams yet" />
        ) : (
          <OrgDoraTable rows={rows} sort={sort} dir={dir} href={(s, d) => withParams("/delivery", params, { sort: s, dir: d })} detailQuery={new URLSearchParams(period.params).toString()} />
        )}
      </Card>
    </>
  );
}
