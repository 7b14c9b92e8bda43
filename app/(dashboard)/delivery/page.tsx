import type { Metadata } from "next";
import { Download, Upload } from "lucide-react";
import { Suspense } from "react";
import Link from "next/link";
import { OrgDoraPanel } from "./org-dora-panel";
import { ORG_SORTS, type OrgSort } from "@/components/delivery/org-dora-table";
import { PeriodPicker } from "@/components/delivery/period-picker";
import { buttonVariants } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/core/auth/session";
import { parsePagePeriod } from "@/lib/core/period";
import { withParams } from "@/lib/core/url";

export const metadata: Metadata = { title: "Delivery" };

export default async function OrgDeliveryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireUser();
  const sp = await searchParams;
  const period = parsePagePeriod(sp);
  const sort: OrgSort = (ORG_SORTS as readonly string[]).includes(sp.sort ?? "") ? (sp.sort as OrgSort) : "team";
  const dir = sp.dir === "desc" ? "desc" : "asc";
  const params = { ...period.params, sort, dir };
  return (
    <>
      <PageHeader
        title="Delivery"
        description="Every team's four keys side by side (DORA, DevLake-compatible definitions). Click a team for its trends."
        actions={
          <>
            <a
              href={withParams("/delivery/teams.csv", params, {})}
              className={buttonVariants({ variant: "secondary", size: "sm" })}
            >
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
      <Suspense fallback={<Skeleton className="h-96" aria-label="Computing every team's four keys" />}>
        <OrgDoraPanel period={period} sort={sort} dir={dir} fresh={sp.fresh === "1"} />
      </Suspense>
    </>
  );
}
