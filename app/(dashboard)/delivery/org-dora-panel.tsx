import { requireUser } from "@/lib/core/auth/session";
import { OrgDoraSection } from "@/components/delivery/org-dora-section";
import type { OrgSort } from "@/components/delivery/org-dora-table";
import type { PagePeriod } from "@/lib/core/period";
import { listTeamDora } from "@/lib/delivery/server";

type Props = { period: PagePeriod; sort: OrgSort; dir: "asc" | "desc"; fresh: boolean };

/** Streams in behind a skeleton: at organisation scale the aggregate takes seconds when not cached. */
export async function OrgDoraPanel({ period, sort, dir, fresh }: Props) {
  const user = await requireUser();
  const { rows, computedAt } = await listTeamDora(user, period.window, period.benchmark, { fresh });
  return <OrgDoraSection rows={rows} computedAt={computedAt} period={period} sort={sort} dir={dir} />;
}
