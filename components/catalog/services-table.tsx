import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { LevelBadge } from "@/components/scorecards/level-badge";
import type { ServiceListRow } from "@/lib/catalog/server";
import type { Level } from "@/lib/scorecards/domain";
import { LifecycleBadge, TierBadge } from "./tier-badge";
import { SortHeader } from "./sort-header";

type Props = {
  rows: ServiceListRow[];
  sort: string;
  dir: "asc" | "desc";
  sortHref: (sort: string, dir: "asc" | "desc") => string;
  /** Live scorecard levels of the rows, when known. */
  levels?: Map<string, { level: Level; score: number }>;
};

export function ServicesTable({ rows, sort, dir, sortHref, levels }: Props) {
  return (
    <Table>
      <THead>
        <tr>
          <SortHeader label="Service" column="name" sort={sort} dir={dir} href={sortHref} />
          <SortHeader label="Team" column="team" sort={sort} dir={dir} href={sortHref} />
          <SortHeader label="Tier" column="tier" sort={sort} dir={dir} href={sortHref} />
          <TH>Lifecycle</TH>
          {levels ? (
            <>
              <SortHeader label="Level" column="level" sort={sort} dir={dir} href={sortHref} />
              <SortHeader label="Score" column="score" sort={sort} dir={dir} href={sortHref} className="text-right" />
            </>
          ) : null}
          <TH className="hidden lg:table-cell">On-call</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((s) => (
          <TR key={s.id}>
            <TD>
              <Link href={`/services/${s.slug}`} className="font-medium hover:text-primary hover:underline">
                {s.name}
              </Link>
              <p className="font-mono text-xs text-muted-foreground">
                {s.slug}
                {s.type !== "service" ? <span className="ml-2 font-sans">· {s.type.replace("_", " ")}</span> : null}
              </p>
            </TD>
            <TD>
              <Link href={`/teams/${s.team.slug}`} className="hover:underline">
                {s.team.name}
              </Link>
            </TD>
            <TD>
              <TierBadge tier={s.tier} />
            </TD>
            <TD>{s.archivedAt ? <Badge>archived</Badge> : <LifecycleBadge lifecycle={s.lifecycle} />}</TD>
            {levels ? (
              <TD>
                {levels.get(s.id) ? (
                  <Link href={`/services/${s.slug}/scorecard`} title={`score ${levels.get(s.id)?.score}`}>
                    <LevelBadge level={levels.get(s.id)?.level ?? "none"} />
                  </Link>
                ) : (
                  "—"
                )}
              </TD>
            ) : null}
            {levels ? (
              <TD className="text-right tabular-nums" data-testid="service-score">
                {levels.get(s.id) ? levels.get(s.id)!.score.toFixed(1) : "—"}
              </TD>
            ) : null}
            <TD className="hidden text-muted-foreground lg:table-cell">{s.onCall ?? "—"}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
