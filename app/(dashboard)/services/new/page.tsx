import type { Metadata } from "next";
import { ServiceForm } from "@/components/catalog/service-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { createServiceAction } from "@/lib/catalog/actions";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { listTeams } from "@/lib/catalog/server";

export const metadata: Metadata = { title: "New service" };

export default async function NewServicePage() {
  const user = await requireUser();
  if (!can(user, "service.create", { teamId: null })) {
    return (
      <>
        <PageHeader title="New service" />
        <Alert tone="warning" title="Platform team only">
          Ask the platform team to register the service, or import it from your Backstage catalog.
        </Alert>
      </>
    );
  }
  const teams = await listTeams(user);
  return (
    <>
      <PageHeader title="New service" description="Register a service. It gets the readiness checklist for its type." />
      <Card>
        <CardContent className="pt-5">
          <ServiceForm action={createServiceAction} teams={teams} mode="create" />
        </CardContent>
      </Card>
    </>
  );
}
