import { Users } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { listTeamDora } from "@/lib/delivery/server";
import { formatDateTime } from "@/lib/core/format";
import type { PagePeriod } from "@/lib/core/period/page-period";
import { withParams } from "@/lib/core/url";
import { OrgDoraTable, sortTeams, type OrgSort } from "./org-dora-table";

/** Streams in behind a skeleton: at organisation scale the aggregate takes seconds when not cached. */
export async function OrgDoraSection({ period, sort, dir, fresh }: { period: PagePeriod; sort: OrgSort; dir: "asc" | "desc"; fresh: boolean }) {
  const { rows, computedAt } = await listTeamDora(period.window, period.benchmark, { fresh });
  const params = { ...period.params, sort, dir };
  return (
    <>
      <Card>
        {rows.length === 0 ? (
          <EmptyState icon={Users} title="No teams yet" />
        ) : (
          <OrgDoraTable rows={sortTeams(rows, sort, dir)} sort={sort} dir={dir} href={(s, d) => withParams("/delivery", params, { sort: s, dir: d })} detailQuery={new URLSearchParams(period.params).toString()} />
        )}
      </Card>
      <p className="mt-2 text-xs text-muted-foreground">
        Computed {formatDateTime(computedAt)}; kept for up to ten minutes.{" "}
        <Link href={withParams("/delivery", params, { fresh: 1 })} className="text-primary hover:underline" prefetch={false}>
          Recompute now
        </Link>
      </p>
    </>
  );
}
