import type { Metadata } from "next";
import { CsvImportForm } from "@/components/delivery/csv-import-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/core/auth/session";
import { DEPLOYMENT_COLUMNS, INCIDENT_COLUMNS } from "@/lib/delivery/sources";

export const metadata: Metadata = { title: "Import delivery history" };

export default async function DeliveryImportPage() {
  await requireUser();
  return (
    <>
      <PageHeader
        title="Import delivery history"
        description="Backfill deployments and incidents from CSV. The whole file imports, or nothing does."
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[1fr_22rem]">
        <Card>
          <CardContent className="pt-5">
            <CsvImportForm />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Columns</CardTitle>
              <CardDescription>
                Times are ISO-8601 (UTC or with an offset). Engineers can import their own teams&apos; services.
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent className="grid grid-cols-1 gap-3 text-sm">
            <div>
              <p className="font-medium">Deployments</p>
              <p className="font-mono text-xs text-muted-foreground">{DEPLOYMENT_COLUMNS.join(", ")}</p>
              <p className="mt-1 text-xs text-muted-foreground">
                Required: externalId, service, environment, status, finishedAt. Repeat a row to add more commits or PRs
                to one deployment. Re-importing is safe: known deployments are skipped.
              </p>
            </div>
            <div>
              <p className="font-medium">Incidents</p>
              <p className="font-mono text-xs text-muted-foreground">{INCIDENT_COLUMNS.join(", ")}</p>
              <p className="mt-1 text-xs text-muted-foreground">
                Required: externalId, service, title, startedAt. causedByDeployment is a deployment&apos;s externalId.
              </p>
            </div>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
