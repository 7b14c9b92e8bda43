import { notFound } from "next/navigation";
import { TabNav } from "@/components/layout/tab-nav";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/core/auth/session";
import { getTeamBySlug } from "@/lib/catalog/server";

export default async function TeamLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const user = await requireUser();
  const { slug } = await params;
  const team = await getTeamBySlug(user, slug);
  if (!team) notFound();
  return (
    <>
      <PageHeader title={team.name} description={team.description ?? `Team ${team.slug}`} />
      <TabNav
        label="Team sections"
        items={[
          { href: `/teams/${slug}`, label: "Services" },
          { href: `/teams/${slug}/scorecard`, label: "Scorecard" },
          { href: `/teams/${slug}/delivery`, label: "Delivery" },
          { href: `/teams/${slug}/slos`, label: "SLOs" },
        ]}
      />
      {children}
    </>
  );
}
