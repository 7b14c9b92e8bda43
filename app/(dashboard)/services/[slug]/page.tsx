import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ServiceFacts } from "@/components/catalog/service-facts";
import { RecentDeliveryEvents } from "@/components/catalog/recent-delivery-events";
import { LifecycleBadge, TierBadge } from "@/components/catalog/tier-badge";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getServiceBySlug, listRecentDeliveryEvents } from "@/lib/data/services";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function ServicePage({ params }: Props) {
  await requireUser();
  const { slug } = await params;
  const service = await getServiceBySlug(slug);
  if (!service) notFound();
  const events = await listRecentDeliveryEvents(service.id);
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
            {service.archivedAt ? <Badge tone="warning">archived</Badge> : null}
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
        <ServiceFacts service={service} />
        <RecentDeliveryEvents {...events} />
      </div>
    </>
  );
}
