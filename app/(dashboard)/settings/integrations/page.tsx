import type { Metadata } from "next";
import { Inbox } from "lucide-react";
import { MapUnmatchedForm } from "@/components/delivery/map-unmatched-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { configuredCatalogSource, listServiceOptions, recentCatalogSyncs } from "@/lib/catalog/server";
import { listUnmatched } from "@/lib/delivery/server";
import { formatDateTime } from "@/lib/core/format";

export const metadata: Metadata = { title: "Integrations" };

function Hook({
  name,
  path,
  configured,
  env,
  matches,
}: {
  name: string;
  path: string;
  configured: boolean;
  env: string;
  matches: string;
}) {
  return (
    <div className="rounded-md border border-border p-4 text-sm">
      <div className="flex items-center justify-between">
        <p className="font-medium">{name}</p>
        {configured ? <Badge tone="success">secret set</Badge> : <Badge tone="warning">{env} not set</Badge>}
      </div>
      <p className="mt-2 font-mono text-xs">POST {path}</p>
      <p className="mt-1 text-xs text-muted-foreground">{matches}</p>
    </div>
  );
}

export default async function IntegrationsPage() {
  const user = await requireUser();
  if (!can(user, "event.map")) {
    return (
      <>
        <PageHeader title="Integrations" />
        <Alert tone="warning" title="Platform team only" />
      </>
    );
  }
  const [unmatched, services, syncs] = await Promise.all([
    listUnmatched(user),
    listServiceOptions(user),
    recentCatalogSyncs(user),
  ]);
  const catalog = configuredCatalogSource();
  const lastSync = syncs[0];
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Webhooks that report deployments and incidents, and the events Shipshape could not match to a service."
      />
      <div className="grid gap-4 md:grid-cols-2">
        <Hook
          name="GitHub deployments, pushes and pull requests"
          path="/api/v1/webhooks/github"
          configured={Boolean(process.env.GITHUB_WEBHOOK_SECRET)}
          env="GITHUB_WEBHOOK_SECRET"
          matches="Matched to a service by its repository (catalog repo URL)."
        />
        <Hook
          name="GitLab deployments, pushes and merge requests"
          path="/api/v1/webhooks/gitlab"
          configured={Boolean(process.env.GITLAB_WEBHOOK_TOKEN)}
          env="GITLAB_WEBHOOK_TOKEN"
          matches="Secret token in X-Gitlab-Token. Matched to a service by its project (catalog repo URL, host and path)."
        />
        <Hook
          name="PagerDuty v3 incidents"
          path="/api/v1/webhooks/pagerduty"
          configured={Boolean(process.env.PAGERDUTY_WEBHOOK_SECRET)}
          env="PAGERDUTY_WEBHOOK_SECRET"
          matches="Matched to a service by its PagerDuty service id."
        />
        <Hook
          name="Prometheus Alertmanager"
          path="/api/v1/webhooks/alertmanager"
          configured={Boolean(process.env.ALERTMANAGER_WEBHOOK_TOKEN)}
          env="ALERTMANAGER_WEBHOOK_TOKEN"
          matches="Bearer token in the receiver's http_config. Matched by the alert's shipshape_service, service, app or job label."
        />
        <Hook
          name="incident.io incidents"
          path="/api/v1/webhooks/incident-io"
          configured={Boolean(process.env.INCIDENT_IO_WEBHOOK_SECRET)}
          env="INCIDENT_IO_WEBHOOK_SECRET"
          matches="Signed by incident.io (whsec_ signing secret). Matched by the Service or Affected services custom field."
        />
        <Hook
          name="Opsgenie alerts"
          path="/api/v1/webhooks/opsgenie"
          configured={Boolean(process.env.OPSGENIE_WEBHOOK_TOKEN)}
          env="OPSGENIE_WEBHOOK_TOKEN"
          matches="Bearer token as a custom header. Matched by the alert's service:<slug> tag, else its entity."
        />
      </div>
      <Card className="mt-6">
        <CardHeader>
          <div>
            <CardTitle>Catalog sync</CardTitle>
            <CardDescription>
              {catalog ? (
                <>
                  Every hour from <code className="font-mono text-xs">{catalog.url}</code>; run it now with{" "}
                  <code className="font-mono text-xs">POST /api/v1/catalog/sync</code>.
                </>
              ) : (
                <>
                  Off. Set <code className="font-mono text-xs">CATALOG_SYNC_URL</code> to a Backstage URL or to
                  catalog-info.yaml URLs to keep services in step with your catalog.
                </>
              )}
            </CardDescription>
          </div>
        </CardHeader>
        <CardContent className="text-sm">
          {!lastSync ? (
            <p className="text-muted-foreground">No run yet.</p>
          ) : lastSync.error ? (
            <Alert tone="danger" title={`Last run ${formatDateTime(new Date(lastSync.startedAt))} changed nothing`}>
              {lastSync.error}
            </Alert>
          ) : (
            <div className="grid gap-2">
              <p>
                Last run {formatDateTime(new Date(lastSync.startedAt))}: {lastSync.created} created, {lastSync.updated}{" "}
                updated, {lastSync.archived} archived, {lastSync.unchanged} unchanged.
              </p>
              {lastSync.problems.length > 0 ? (
                <ul className="list-disc pl-5 text-muted-foreground">
                  {lastSync.problems.slice(0, 10).map((p) => (
                    <li key={p.entity}>
                      <span className="font-medium text-foreground">{p.entity}</span> {p.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          )}
        </CardContent>
      </Card>
      <Card className="mt-6">
        <CardHeader>
          <div>
            <CardTitle>Unmatched events ({unmatched.reduce((s, u) => s + u.events, 0)})</CardTitle>
            <CardDescription>
              Kept, never dropped. Map each repository, PagerDuty service or alert label to a service: the waiting
              events then count, and later ones match by themselves.
            </CardDescription>
          </div>
        </CardHeader>
        {unmatched.length === 0 ? (
          <CardContent>
            <EmptyState icon={Inbox} title="Nothing waiting">
              Every webhook event matched a service.
            </EmptyState>
          </CardContent>
        ) : (
          <Table>
            <THead>
              <tr>
                <TH>Source</TH>
                <TH>What the event named</TH>
                <TH className="text-right">Events</TH>
                <TH>Last received</TH>
                <TH className="text-right">Map to</TH>
              </tr>
            </THead>
            <TBody>
              {unmatched.map((u) => (
                <TR key={`${u.provider}:${u.externalKey}`}>
                  <TD>
                    <Badge>{u.provider}</Badge>
                  </TD>
                  <TD className="font-mono text-xs">{u.externalKey}</TD>
                  <TD className="text-right tabular-nums">{u.events}</TD>
                  <TD className="text-muted-foreground">{u.lastAt ? formatDateTime(u.lastAt) : "—"}</TD>
                  <TD className="text-right">
                    <MapUnmatchedForm provider={u.provider} externalKey={u.externalKey} services={services} />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
