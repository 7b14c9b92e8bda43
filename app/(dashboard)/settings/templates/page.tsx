import type { Metadata } from "next";
import { Download, ListChecks } from "lucide-react";
import { YamlImportForm } from "@/components/catalog/import-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { importTemplateAction } from "@/lib/readiness/actions";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { listTemplates, type TemplateImportResult } from "@/lib/readiness/server";
import { formatDate } from "@/lib/core/format";

export const metadata: Metadata = { title: "Checklist templates" };

export default async function TemplatesPage() {
  const user = await requireUser();
  const templates = await listTemplates(user);
  const canManage = can(user, "template.manage");
  return (
    <>
      <PageHeader
        title="Checklist templates"
        description="Readiness checklists as code. Importing a changed template creates a new version; services upgrade when their owners choose, keeping their answers."
      />
      <Card>
        {templates.length === 0 ? (
          <EmptyState icon={ListChecks} title="No templates yet" />
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Template</TH>
                <TH>For</TH>
                <TH className="text-right">Items</TH>
                <TH>Version</TH>
                <TH className="text-right">Services</TH>
                <TH>Updated</TH>
                <TH className="text-right">
                  <span className="sr-only">Export</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {templates.map((t) => (
                <TR key={t.key}>
                  <TD>
                    <span className="font-medium">{t.name}</span>
                    <p className="font-mono text-xs text-muted-foreground">{t.key}</p>
                  </TD>
                  <TD>
                    <Badge>{t.serviceType}</Badge>
                  </TD>
                  <TD className="text-right tabular-nums">{t.items}</TD>
                  <TD>
                    v{t.latestVersion}
                    {t.versions > 1 ? (
                      <span className="text-xs text-muted-foreground"> ({t.versions} versions)</span>
                    ) : null}
                  </TD>
                  <TD className="text-right tabular-nums">{t.services}</TD>
                  <TD className="text-muted-foreground">{formatDate(t.updatedAt)}</TD>
                  <TD className="text-right">
                    <a
                      href={`/settings/templates/${t.key}/export.yaml`}
                      className={buttonVariants({ variant: "secondary", size: "sm" })}
                    >
                      <Download aria-hidden /> YAML
                    </a>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      <Card className="mt-6">
        <CardHeader>
          <div>
            <CardTitle>Import a template</CardTitle>
            <CardDescription>
              The same YAML format as the export. Unchanged content creates no new version.
            </CardDescription>
          </div>
        </CardHeader>
        <CardContent>
          {canManage ? (
            <YamlImportForm<TemplateImportResult>
              action={importTemplateAction}
              fileLabel="Template YAML"
              placeholder={
                "key: production-readiness\nname: Production Readiness Review\nserviceType: service\ncategories:\n  - key: ownership\n    name: Ownership and docs\n    items:\n      - key: owner-team\n        title: A named team owns the service\n        requiredForTiers: [1, 2, 3]"
              }
              submitLabel="Import template"
            />
          ) : (
            <Alert tone="warning">Only the platform team can import templates.</Alert>
          )}
        </CardContent>
      </Card>
    </>
  );
}
