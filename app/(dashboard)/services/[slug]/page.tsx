import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ServiceActions } from "@/components/catalog/service-actions";
import { ServiceFacts } from "@/components/catalog/service-facts";
import { RecentDeliveryEvents } from "@/components/catalog/recent-delivery-events";
import { LifecycleBadge, TierBadge } from "@/components/catalog/tier-badge";
import { Checklist } from "@/components/readiness/checklist";
import { ReadinessSummary } from "@/components/readiness/readiness-summary";
import { ReviewPanel } from "@/components/readiness/review-panel";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getServiceChecklist } from "@/lib/data/checklists";
import { listServiceReviews } from "@/lib/data/reviews";
import { getServiceBySlug, listRecentDeliveryEvents, listServiceActivity } from "@/lib/data/services";
import { ServiceActivity } from "@/components/catalog/service-activity";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function ServicePage({ params }: Props) {
  const user = await requireUser();
  const { slug } = await params;
  const service = await getServiceBySlug(slug);
  if (!service) notFound();
  const [checklist, reviews, events, activity] = await Promise.all([getServiceChecklist(service.id), listServiceReviews(service.id), listRecentDeliveryEvents(service.id), listServiceActivity(service.id)]);
  const team = { teamId: service.teamId };
  const archived = service.archivedAt !== null;
  const canTick = can(user, "checklist.update", team) && !archived;
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
          </span>
        }
        actions={<ServiceActions slug={service.slug} archived={archived} canEdit={can(user, "service.update", team)} canArchive={can(user, "service.archive", team)} />}
      />
      {archived ? (
        <Alert tone="warning" className="mb-6" title="Archived service">
          It is hidden from the catalog&apos;s lists and read-only; its history is kept.
        </Alert>
      ) : null}
      {!canTick && !archived && user.role === "engineer" ? (
        <Alert className="mb-6">You can read this checklist; only {service.team.name} and the platform team can change it.</Alert>
      ) : null}
      <div className="grid gap-6 xl:grid-cols-[1fr_22rem]">
        <div className="grid min-w-0 content-start gap-6">
          {checklist ? (
            <>
              <ReadinessSummary checklist={checklist} slug={service.slug} canEdit={canTick} />
              <Checklist checklist={checklist} slug={service.slug} canEdit={canTick} />
            </>
          ) : (
            <Alert tone="warning">No checklist template exists for this service type yet. Import one in Settings → Templates.</Alert>
          )}
        </div>
        <div className="grid content-start gap-6">
          <ReviewPanel reviews={reviews} slug={service.slug} canRequest={can(user, "review.request", team) && !archived} isPlatform={can(user, "review.decide")} />
          <ServiceFacts service={service} />
          <ServiceActivity entries={activity} />
        </div>
      </div>
      <div className="mt-6">
        <RecentDeliveryEvents {...events} />
      </div>
    </>
  );
}
