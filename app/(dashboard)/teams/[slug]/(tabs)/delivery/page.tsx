import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeliveryView } from "@/components/delivery/delivery-view";
import { requireUser } from "@/lib/core/auth/session";
import { loadDeliveryPanel, serviceIdsFor } from "@/lib/delivery/server";
import { parsePagePeriod } from "@/lib/core/period";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Delivery · ${(await params).slug}` };
}

export default async function TeamDeliveryPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { slug } = await params;
  const ids = await serviceIdsFor(user, { team: slug });
  if (!ids) notFound();
  const sp = await searchParams;
  const period = parsePagePeriod(sp);
  const scope = { team: slug };
  const data = await loadDeliveryPanel(user, scope, ids, period, sp);
  return <DeliveryView scope={scope} period={period} path={`/teams/${slug}/delivery`} searchParams={sp} data={data} />;
}
