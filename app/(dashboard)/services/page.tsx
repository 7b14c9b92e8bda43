import type { Metadata } from "next";
import { Download, Plus, Server, Upload } from "lucide-react";
import Link from "next/link";
import { ServiceFilters } from "@/components/catalog/service-filters";
import { ServicesTable } from "@/components/catalog/services-table";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { levelsOf } from "@/lib/scorecards/server";
import { ZServiceListQuery, listServices } from "@/lib/catalog/server";
import { listTeams } from "@/lib/catalog/server";
import { withParams } from "@/lib/core/url";

export const metadata: Metadata = { title: "Services" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ServicesPage({ searchParams }: Props) {
  const user = await requireUser();
  const raw = Object.fromEntries(
    Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== ""),
  ) as Record<string, string>;
  const parsed = ZServiceListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : ZServiceListQuery.parse({});
  const [result, teams] = await Promise.all([listServices(user, query), listTeams(user)]);
  const levels = await levelsOf(
    user,
    result.rows.filter((r) => !r.archivedAt).map((r) => r.id),
  );
  const myTeam = teams.find((t) => user.teamIds.includes(t.id));
  const filtered = Boolean(query.q || query.team || query.tier || query.lifecycle || query.level || query.tag);
  return (
    <>
      <PageHeader
        title="Services"
        description="Every service in the catalog, with its owner, tier, lifecycle and live scorecard level."
        actions={
          <>
            <a
              href={withParams("/services/export.csv", raw, { page: undefined })}
              className={buttonVariants({ variant: "secondary", size: "sm" })}
            >
              <Download aria-hidden /> Export CSV
            </a>
            {can(user, "catalog.import") ? (
              <Link href="/services/import" className={buttonVariants({ variant: "secondary", size: "sm" })}>
                <Upload aria-hidden /> Import
              </Link>
            ) : null}
            {can(user, "service.create", { teamId: null }) ? (
              <Link href="/services/new" className={buttonVariants({ size: "sm" })}>
                <Plus aria-hidden /> New service
              </Link>
            ) : null}
          </>
        }
      />
      <Card>
        <ServiceFilters
          teams={teams}
          myTeam={myTeam}
          focusSearch={raw.focus === "search"}
          current={{
            q: query.q,
            team: query.team,
            tier: query.tier,
            lifecycle: query.lifecycle,
            level: query.level,
            tag: raw.tag,
            sort: raw.sort,
            dir: raw.dir,
          }}
        />
        {result.rows.length === 0 ? (
          <EmptyState
            icon={Server}
            title={filtered ? "No services match these filters" : "No services yet"}
            action={
              filtered ? (
                <Link href="/services" className={buttonVariants({ variant: "secondary", size: "sm" })}>
                  Clear filters
                </Link>
              ) : undefined
            }
          >
            {filtered
              ? "Try a broader search."
              : "Register services with POST /api/v1/services or import a Backstage catalog."}
          </EmptyState>
        ) : (
          <>
            <ServicesTable
              rows={result.rows}
              levels={levels}
              sort={query.sort}
              dir={query.dir}
              sortHref={(sort, dir) => withParams("/services", raw, { sort, dir, page: undefined })}
            />
            <Pagination
              page={result.page}
              pageSize={result.pageSize}
              total={result.total}
              href={(page) => withParams("/services", raw, { page })}
            />
          </>
        )}
      </Card>
    </>
  );
}
