import { Users } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { TeamDoraRow } from "@/lib/delivery/server";
import { formatDateTime } from "@/lib/core/format";
import type { PagePeriod } from "@/lib/core/period";
import { withParams } from "@/lib/core/url";
import { OrgDoraTable, sortTeams, type OrgSort } from "./org-dora-table";
import { RollupFreshness } from "./rollup-freshness";

type Props = {
  rows: TeamDoraRow[];
  computedAt: Date;
  /** The rollup refresher's backlog: how fresh the stored daily rollups are. */
  lag: { pairs: number; oldestMarkedAt: Date | null };
  period: PagePeriod;
  sort: OrgSort;
  dir: "asc" | "desc";
};

/** Every team's four keys, with when they were computed. */
export function OrgDoraSection({ rows, computedAt, lag, period, sort, dir }: Props) {
  const params = { ...period.params, sort, dir };
  return (
    <>
      <Card>
        {rows.length === 0 ? (
          <EmptyState icon={Users} title="No teams yet" />
        ) : (
          <OrgDoraTable
            rows={sortTeams(rows, sort, dir)}
            sort={sort}
            dir={dir}
            href={(s, d) => withParams("/delivery", params, { sort: s, dir: d })}
            detailQuery={new URLSearchParams(period.params).toString()}
          />
        )}
      </Card>
      <p className="mt-2 text-xs text-muted-foreground">
        Computed {formatDateTime(computedAt)}; kept until the next delivery, for up to ten minutes.{" "}
        <Link
          href={withParams("/delivery", params, { fresh: 1 })}
          className="text-primary hover:underline"
          prefetch={false}
        >
          Recompute now
        </Link>{" "}
        <RollupFreshness {...lag} />
      </p>
    </>
  );
}
