import { requireUser } from "@/lib/core/auth/session";
import { OrgDoraSection } from "@/components/delivery/org-dora-section";
import type { OrgSort } from "@/components/delivery/org-dora-table";
import type { PagePeriod } from "@/lib/core/period";
import { listTeamDora, readRollupLag } from "@/lib/delivery/server";

type Props = { period: PagePeriod; sort: OrgSort; dir: "asc" | "desc"; fresh: boolean };

/** Streams in behind a skeleton: at organisation scale the aggregate takes seconds when not cached. */
export async function OrgDoraPanel({ period, sort, dir, fresh }: Props) {
  const user = await requireUser();
  const [{ rows, computedAt }, lag] = await Promise.all([
    listTeamDora(user, period.window, period.benchmark, { fresh }),
    readRollupLag(user),
  ]);
  return <OrgDoraSection rows={rows} computedAt={computedAt} lag={lag} period={period} sort={sort} dir={dir} />;
}
