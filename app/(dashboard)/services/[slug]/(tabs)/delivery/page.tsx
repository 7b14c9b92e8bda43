import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeliveryView } from "@/components/delivery/delivery-view";
import { requireUser } from "@/lib/core/auth/session";
import { getServiceBySlug } from "@/lib/catalog/server";
import { loadDeliveryPanel } from "@/lib/delivery/server";
import { parsePagePeriod } from "@/lib/core/period";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Delivery · ${(await params).slug}` };
}

export default async function ServiceDeliveryPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { slug } = await params;
  const service = await getServiceBySlug(user, slug);
  if (!service) notFound();
  const sp = await searchParams;
  const period = parsePagePeriod(sp);
  const scope = { service: slug };
  const data = await loadDeliveryPanel(user, scope, [service.id], period, sp);
  return (
    <DeliveryView scope={scope} period={period} path={`/services/${slug}/delivery`} searchParams={sp} data={data} />
  );
}
