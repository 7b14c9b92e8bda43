import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Server } from "lucide-react";
import { ServicesTable } from "@/components/catalog/services-table";
import { levelsOf } from "@/lib/scorecards/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { requireUser } from "@/lib/core/auth/session";
import { ZServiceListQuery, listServices } from "@/lib/catalog/server";
import { getTeamDetail } from "@/lib/catalog/server";
import { withParams } from "@/lib/core/url";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function TeamPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { slug } = await params;
  const team = await getTeamDetail(user, slug);
  if (!team) notFound();
  const raw = await searchParams;
  const parsed = ZServiceListQuery.safeParse({ ...raw, team: slug });
  const query = parsed.success ? parsed.data : ZServiceListQuery.parse({ team: slug });
  const services = await listServices(user, query);
  const levels = await levelsOf(
    user,
    services.rows.filter((r) => !r.archivedAt).map((r) => r.id),
  );
  const path = `/teams/${slug}`;
  return (
    <>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[1fr_18rem]">
        <Card>
          <CardHeader>
            <CardTitle>Services ({services.total})</CardTitle>
          </CardHeader>
          {services.total === 0 ? (
            <EmptyState icon={Server} title="This team owns no services yet" />
          ) : (
            <>
              <ServicesTable
                rows={services.rows}
                levels={levels}
                sort={query.sort}
                dir={query.dir}
                sortHref={(sort, dir) => withParams(path, raw, { sort, dir, page: undefined })}
              />
              <Pagination
                page={services.page}
                pageSize={services.pageSize}
                total={services.total}
                href={(page) => withParams(path, raw, { page })}
              />
            </>
          )}
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Members ({team.memberships.length})</CardTitle>
          </CardHeader>
          <CardContent>
            {team.memberships.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                No members yet. Add them with{" "}
                <code className="font-mono">npm run cli -- user create --team {team.slug}</code>.
              </p>
            ) : (
              <ul className="grid grid-cols-1 gap-2 text-sm">
                {team.memberships.map(({ user }) => (
                  <li key={user.id} className="flex items-center justify-between gap-2">
                    <span className="truncate">{user.name ?? user.email}</span>
                    {user.disabled ? <Badge tone="danger">disabled</Badge> : <Badge>{user.role}</Badge>}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
