import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ServiceFacts } from "@/components/catalog/service-facts";
import { RecentDeliveryEvents } from "@/components/catalog/recent-delivery-events";
import { Checklist } from "@/components/readiness/checklist";
import { ReadinessSummary } from "@/components/readiness/readiness-summary";
import { ReviewPanel } from "@/components/readiness/review-panel";
import { Alert } from "@/components/ui/alert";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { getServiceChecklist } from "@/lib/readiness/server";
import { listServiceReviews } from "@/lib/readiness/server";
import { getServiceBySlug, listRecentDeliveryEvents, listServiceActivity } from "@/lib/catalog/server";
import { ServiceActivity } from "@/components/catalog/service-activity";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function ServicePage({ params }: Props) {
  const user = await requireUser();
  const { slug } = await params;
  const service = await getServiceBySlug(user, slug);
  if (!service) notFound();
  const [checklist, reviews, events, activity] = await Promise.all([
    getServiceChecklist(user, service.id),
    listServiceReviews(user, service.id),
    listRecentDeliveryEvents(user, service.id),
    listServiceActivity(user, service.id),
  ]);
  const team = { teamId: service.teamId };
  const archived = service.archivedAt !== null;
  const canTick = can(user, "checklist.update", team) && !archived;
  const titles = new Map(checklist?.categories.flatMap((c) => c.items.map((i) => [i.key, i.title] as const)));
  const openRequired = (checklist?.progress.required.missing ?? []).map((key) => ({
    key,
    title: titles.get(key) ?? key,
  }));
  return (
    <>
      {!canTick && !archived && user.role === "engineer" ? (
        <Alert className="mb-6">
          You can read this checklist; only {service.team.name} and the platform team can change it.
        </Alert>
      ) : null}
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[1fr_22rem]">
        <div className="grid min-w-0 grid-cols-1 content-start gap-6">
          {checklist ? (
            <>
              <ReadinessSummary checklist={checklist} slug={service.slug} canEdit={canTick} />
              <Checklist checklist={checklist} slug={service.slug} canEdit={canTick} />
            </>
          ) : (
            <Alert tone="warning">
              No checklist template exists for this service type yet. Import one in Settings → Templates.
            </Alert>
          )}
        </div>
        <div className="grid grid-cols-1 content-start gap-6">
          <ReviewPanel
            reviews={reviews}
            slug={service.slug}
            canRequest={can(user, "review.request", team) && !archived}
            isPlatform={can(user, "review.decide")}
            openRequired={openRequired}
          />
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
