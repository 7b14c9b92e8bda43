import Link from "next/link";
import { notFound } from "next/navigation";
import { ServiceActions } from "@/components/catalog/service-actions";
import { LifecycleBadge, TierBadge } from "@/components/catalog/tier-badge";
import { TagList } from "@/components/catalog/tag-list";
import { TabNav } from "@/components/layout/tab-nav";
import { tagsOf } from "@/lib/catalog/domain";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { getServiceBySlug } from "@/lib/catalog/server";

export default async function ServiceLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const user = await requireUser();
  const { slug } = await params;
  const service = await getServiceBySlug(user, slug);
  if (!service) notFound();
  const team = { teamId: service.teamId };
  const archived = service.archivedAt !== null;
  return (
    <>
      <PageHeader
        title={service.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Link href={`/teams/${service.team.slug}`} className="hover:underline">
              {service.team.name}
            </Link>
            <TierBadge tier={service.tier} />
            <LifecycleBadge lifecycle={service.lifecycle} />
            {archived ? <Badge tone="warning">archived</Badge> : null}
            <TagList tags={tagsOf(service.tags)} />
          </span>
        }
        actions={
          <ServiceActions
            slug={service.slug}
            archived={archived}
            canEdit={can(user, "service.update", team)}
            canArchive={can(user, "service.archive", team)}
          />
        }
      />
      <TabNav
        label="Service sections"
        items={[
          { href: `/services/${slug}`, label: "Readiness" },
          { href: `/services/${slug}/scorecard`, label: "Scorecard" },
          { href: `/services/${slug}/delivery`, label: "Delivery" },
          { href: `/services/${slug}/slos`, label: "SLOs" },
          { href: `/services/${slug}/facts`, label: "Facts" },
        ]}
      />
      {archived ? (
        <Alert tone="warning" className="mb-6" title="Archived service">
          It is hidden from the catalog&apos;s lists and read-only; its history is kept.
        </Alert>
      ) : null}
      {children}
    </>
  );
}
