import type { Metadata } from "next";
import { Download, Medal } from "lucide-react";
import Link from "next/link";
import { describeScope } from "@/lib/scorecards/domain";
import { YamlImportForm } from "@/components/catalog/import-form";
import { CreateScorecardForm } from "@/components/scorecards/create-scorecard-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { importScorecardAction } from "@/lib/scorecards/actions";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { listScorecardDefinitions } from "@/lib/scorecards/server";
import type { ScorecardImportResult } from "@/lib/scorecards/server";

export const metadata: Metadata = { title: "Scorecards · Settings" };

export default async function ScorecardSettingsPage() {
  const user = await requireUser();
  const cards = await listScorecardDefinitions(user);
  const canManage = can(user, "scorecard.manage");
  return (
    <>
      <PageHeader
        title="Scorecards"
        description="Rules over checklist state, catalog fields, DORA bands, SLO status, reviews and deployments. Every change is audited; levels follow at once."
      />
      <Card>
        {cards.length === 0 ? (
          <EmptyState icon={Medal} title="No scorecards yet">
            Import one below; the default Production readiness scorecard is imported at start-up.
          </EmptyState>
        ) : (
          <Table aria-label="Scorecards">
            <THead>
              <TR>
                <TH>Scorecard</TH>
                <TH>Applies to</TH>
                <TH className="text-right">Rules</TH>
                <TH>Status</TH>
                <TH className="text-right">
                  <span className="sr-only">Actions</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {cards.map((c) => (
                <TR key={c.key}>
                  <TD>
                    <Link href={`/settings/scorecards/${c.key}`} className="font-medium hover:underline">
                      {c.name}
                    </Link>
                    <p className="font-mono text-xs text-muted-foreground">{c.key}</p>
                  </TD>
                  <TD className="text-sm text-muted-foreground">{describeScope(c.scope)}</TD>
                  <TD className="text-right tabular-nums">
                    {c.rules.filter((r) => r.enabled).length}
                    <span className="text-muted-foreground">/{c.rules.length}</span>
                  </TD>
                  <TD className="space-x-1">
                    {c.isDefault ? <Badge tone="primary">default</Badge> : null}
                    {c.enabled ? <Badge tone="success">enabled</Badge> : <Badge>disabled</Badge>}
                  </TD>
                  <TD className="space-x-2 text-right">
                    <Link
                      href={`/settings/scorecards/${c.key}`}
                      className={buttonVariants({ variant: "secondary", size: "sm" })}
                    >
                      {canManage ? "Edit rules" : "View rules"}
                    </Link>
                    <a
                      href={`/settings/scorecards/${c.key}/export.yaml`}
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
      {canManage ? (
        <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <div>
                <CardTitle>Import a scorecard</CardTitle>
                <CardDescription>
                  The export&apos;s YAML format. An existing key is replaced: its rules become exactly the file&apos;s.
                </CardDescription>
              </div>
            </CardHeader>
            <CardContent>
              <YamlImportForm<ScorecardImportResult>
                action={importScorecardAction}
                fileLabel="Scorecard YAML"
                placeholder={
                  "key: security-baseline\nname: Security baseline\nrules:\n  - key: threat-model\n    name: Threat model done\n    level: silver\n    check: { type: checklist_item, item: threat-model, accept: [done] }"
                }
                submitLabel="Import scorecard"
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <div>
                <CardTitle>New scorecard</CardTitle>
                <CardDescription>Starts empty; add rules on its page.</CardDescription>
              </div>
            </CardHeader>
            <CardContent>
              <CreateScorecardForm />
            </CardContent>
          </Card>
        </div>
      ) : (
        <Alert tone="warning" className="mt-6">
          Only the platform team can change scorecards.
        </Alert>
      )}
    </>
  );
}
