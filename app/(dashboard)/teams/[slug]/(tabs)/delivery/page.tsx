import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeliveryView } from "@/components/delivery/delivery-view";
import { requireUser } from "@/lib/core/auth/session";
import { serviceIdsFor } from "@/lib/delivery/server";
import { parsePagePeriod } from "@/lib/core/period/page-period";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Delivery · ${(await params).slug}` };
}

export default async function TeamDeliveryPage({ params, searchParams }: Props) {
  await requireUser();
  const { slug } = await params;
  const ids = await serviceIdsFor({ team: slug });
  if (!ids) notFound();
  const sp = await searchParams;
  return <DeliveryView scope={{ team: slug }} serviceIds={ids} period={parsePagePeriod(sp)} path={`/teams/${slug}/delivery`} searchParams={sp} />;
}
