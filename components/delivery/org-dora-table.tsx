import Link from "next/link";
import { SortHeader } from "@/components/catalog/sort-header";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { listTeamDora } from "@/lib/delivery/server";
import { formatMinutes, formatNumber, formatPercent, plural } from "@/lib/core/format";
import { BandBadge } from "./band-badge";

type Rows = Awaited<ReturnType<typeof listTeamDora>>["rows"];
export const ORG_SORTS = ["team", "frequency", "leadTime", "cfr", "recovery"] as const;
export type OrgSort = (typeof ORG_SORTS)[number];

const recoveryOf = (r: Rows[number]["report"]) =>
  r.benchmark === "2023" ? r.failedDeploymentRecoveryTime : r.timeToRestore;

/** Sort key per column; teams with no data sort last whatever the direction. */
function key(row: Rows[number], sort: OrgSort): number | string | null {
  const r = row.report;
  switch (sort) {
    case "frequency":
      return r.deploymentFrequency.medianDeployDaysPerWeek;
    case "leadTime":
      return r.leadTimeForChanges.medianMinutes;
    case "cfr":
      return r.changeFailureRate.ratio;
    case "recovery":
      return recoveryOf(r).medianMinutes;
    default:
      return row.name.toLowerCase();
  }
}

export function sortTeams(rows: Rows, sort: OrgSort, dir: "asc" | "desc"): Rows {
  return [...rows].sort((a, b) => {
    const ka = key(a, sort);
    const kb = key(b, sort);
    if (ka === null && kb === null) return a.name.localeCompare(b.name);
    if (ka === null) return 1;
    if (kb === null) return -1;
    const cmp = ka < kb ? -1 : ka > kb ? 1 : 0;
    return dir === "asc" ? cmp : -cmp;
  });
}

export function OrgDoraTable({
  rows,
  sort,
  dir,
  href,
  detailQuery,
}: {
  rows: Rows;
  sort: OrgSort;
  dir: "asc" | "desc";
  href: (sort: string, dir: "asc" | "desc") => string;
  detailQuery: string;
}) {
  return (
    <Table>
      <THead>
        <tr>
          <SortHeader label="Team" column="team" sort={sort} dir={dir} href={href} />
          <SortHeader label="Deploy frequency" column="frequency" sort={sort} dir={dir} href={href} />
          <SortHeader label="Lead time" column="leadTime" sort={sort} dir={dir} href={href} />
          <SortHeader label="Change failure rate" column="cfr" sort={sort} dir={dir} href={href} />
          <SortHeader label="Recovery" column="recovery" sort={sort} dir={dir} href={href} />
          <TH className="text-right">Deployments</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((row) => {
          const r = row.report;
          const rec = recoveryOf(r);
          return (
            <TR key={row.slug}>
              <TD>
                <Link href={`/teams/${row.slug}/delivery?${detailQuery}`} className="font-medium hover:underline">
                  {row.name}
                </Link>
                <p className="text-xs text-muted-foreground">{plural(row.services, "service")}</p>
              </TD>
              <TD>
                <div className="flex items-center gap-2">
                  <BandBadge band={r.deploymentFrequency.band} />
                  {r.deploymentFrequency.medianDeployDaysPerWeek === null ? (
                    <span className="text-muted-foreground">—</span>
                  ) : (
                    <>
                      <span className="tabular-nums">{r.deploymentFrequency.medianDeployDaysPerWeek}</span>
                      <span className="text-xs text-muted-foreground">days/wk</span>
                    </>
                  )}
                </div>
              </TD>
              <TD>
                <div className="flex items-center gap-2">
                  <BandBadge band={r.leadTimeForChanges.band} />
                  <span className="tabular-nums">{formatMinutes(r.leadTimeForChanges.medianMinutes)}</span>
                </div>
              </TD>
              <TD>
                <div className="flex items-center gap-2">
                  <BandBadge band={r.changeFailureRate.band} />
                  <span className="tabular-nums">{formatPercent(r.changeFailureRate.ratio)}</span>
                </div>
              </TD>
              <TD>
                <div className="flex items-center gap-2">
                  <BandBadge band={rec.band} />
                  <span className="tabular-nums">{formatMinutes(rec.medianMinutes)}</span>
                </div>
              </TD>
              <TD className="text-right tabular-nums">{formatNumber(r.deploymentFrequency.deployments)}</TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
