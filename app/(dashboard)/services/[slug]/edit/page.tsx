import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ServiceForm } from "@/components/catalog/service-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { updateServiceAction } from "@/lib/catalog/actions";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { getServiceBySlug } from "@/lib/catalog/server";
import { listTeams } from "@/lib/catalog/server";
import { formatTags, fromDbServiceType } from "@/lib/catalog/schemas";
import { tagsOf } from "@/lib/catalog/domain";

export const metadata: Metadata = { title: "Edit service" };

export default async function EditServicePage({ params }: { params: Promise<{ slug: string }> }) {
  const user = await requireUser();
  const service = await getServiceBySlug(user, (await params).slug);
  if (!service) notFound();
  if (!can(user, "service.update", { teamId: service.teamId })) {
    return (
      <>
        <PageHeader title={`Edit ${service.name}`} />
        <Alert tone="warning">Only {service.team.name} and the platform team can edit this service.</Alert>
      </>
    );
  }
  const teams = await listTeams(user);
  return (
    <>
      <PageHeader title={`Edit ${service.name}`} />
      <Card>
        <CardContent className="pt-5">
          <ServiceForm
            action={updateServiceAction}
            teams={teams}
            mode="edit"
            initial={{
              slug: service.slug,
              name: service.name,
              team: service.team.slug,
              tier: service.tier,
              lifecycle: service.lifecycle,
              type: fromDbServiceType(service.type),
              description: service.description ?? "",
              repoUrl: service.repoUrl ?? "",
              repoPaths: service.repoPaths.join(", "),
              repoLabels: service.repoLabels.join(", "),
              runbookUrl: service.runbookUrl ?? "",
              dashboardUrl: service.dashboardUrl ?? "",
              onCall: service.onCall ?? "",
              pagerdutyServiceId: service.pagerdutyServiceId ?? "",
              tags: formatTags(tagsOf(service.tags)),
            }}
          />
        </CardContent>
      </Card>
    </>
  );
}
