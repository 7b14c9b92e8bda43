import type { Metadata } from "next";
import { YamlImportForm } from "@/components/catalog/import-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { importCatalogAction } from "@/lib/catalog/actions";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";

export const metadata: Metadata = { title: "Import catalog" };

const EXAMPLE = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, profile: { displayName: Payments } }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  annotations:
    shipshape.dev/tier: "1"
    github.com/project-slug: acme/payments-api
  links:
    - { url: https://runbooks.example.com/payments-api, title: Runbook }
spec: { type: service, lifecycle: production, owner: group:payments }`;

export default async function ImportCatalogPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader
        title="Import catalog"
        description="Bring services and teams in from Backstage catalog-info.yaml files."
      />
      {!can(user, "catalog.import") ? (
        <Alert tone="warning" title="Platform team only">
          Ask the platform team to import the catalog.
        </Alert>
      ) : (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[1fr_20rem]">
          <Card>
            <CardContent className="pt-5">
              <YamlImportForm
                action={importCatalogAction}
                fileLabel="catalog-info.yaml (several documents allowed)"
                placeholder={EXAMPLE}
                submitLabel="Import"
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <div>
                <CardTitle>How entities map</CardTitle>
                <CardDescription>Re-importing the same file changes nothing.</CardDescription>
              </div>
            </CardHeader>
            <CardContent>
              <ul className="grid grid-cols-1 gap-2 text-sm text-muted-foreground">
                <li>
                  <strong className="text-foreground">Group</strong> → team (name → slug, profile.displayName → name)
                </li>
                <li>
                  <strong className="text-foreground">Component</strong> → service; spec.owner → team, spec.lifecycle →
                  lifecycle
                </li>
                <li>
                  Tier: annotation or label <code>shipshape.dev/tier</code> or <code>tier</code> (1–3; default 3)
                </li>
                <li>
                  Repository: <code>github.com/project-slug</code> or <code>backstage.io/source-location</code>
                </li>
                <li>Runbook and dashboard: links titled “Runbook”, “Dashboard” or “Grafana”</li>
                <li>
                  PagerDuty: <code>pagerduty.com/service-id</code>
                </li>
                <li>Other kinds are skipped. A bad document is reported with its index; the others still import.</li>
              </ul>
            </CardContent>
          </Card>
        </div>
      )}
    </>
  );
}
