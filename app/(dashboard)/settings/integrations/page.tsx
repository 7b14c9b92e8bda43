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
import { listUnmatched, webhookActivity } from "@/lib/delivery/server";
import { publicUrl } from "@/lib/notifications/server";
import { WebhookSourceCard } from "@/components/delivery/webhook-source-card";
import { PulledSourcesCard } from "@/components/slo/pulled-sources-card";
import { CatalogSyncCard } from "@/components/catalog/catalog-sync-card";
import { listSloSources } from "@/lib/slo/server";
import { formatDateTime } from "@/lib/core/format";

export const metadata: Metadata = { title: "Integrations" };

/** The webhook sources, with what to paste into each tool (README: Connect your tools). */
const WEBHOOK_SOURCES = [
  {
    provider: "github",
    name: "GitHub: deployments, pushes, pull requests",
    path: "/api/v1/webhooks/github",
    env: "GITHUB_WEBHOOK_SECRET",
    auth: "Secret: GITHUB_WEBHOOK_SECRET (signature in X-Hub-Signature-256); events deployment_status, push, pull_request.",
    matches: "Matched by repository host and path (the service's repo URL).",
    test: "Recent Deliveries → Redeliver (counted as a duplicate), or the ping GitHub sends when the webhook is created (counted as ignored).",
  },
  {
    provider: "gitlab",
    name: "GitLab: deployments, pushes, merge requests",
    path: "/api/v1/webhooks/gitlab",
    env: "GITLAB_WEBHOOK_TOKEN",
    auth: "Secret token: GITLAB_WEBHOOK_TOKEN (sent in X-Gitlab-Token); Deployment, Push and Merge request events.",
    matches: "Matched by project host and path (the service's repo URL).",
    test: "the webhook's Test menu → Push events or Deployment events.",
  },
  {
    provider: "pagerduty",
    name: "PagerDuty: incidents",
    path: "/api/v1/webhooks/pagerduty",
    env: "PAGERDUTY_WEBHOOK_SECRET",
    auth: "Signing secret: PAGERDUTY_WEBHOOK_SECRET (X-PagerDuty-Signature); a v3 webhook subscription.",
    matches: "Matched by the service's PagerDuty service id.",
    test: 'the webhook subscription\'s "Send test event" (acknowledged, counted as ignored).',
  },
  {
    provider: "alertmanager",
    name: "Prometheus Alertmanager: incidents",
    path: "/api/v1/webhooks/alertmanager",
    env: "ALERTMANAGER_WEBHOOK_TOKEN",
    auth: "Header Authorization: Bearer ALERTMANAGER_WEBHOOK_TOKEN (the receiver's http_config.authorization); send_resolved: true.",
    matches: "Matched by the alert's shipshape_service, service, app or job label.",
    test: "amtool alert add test_alert shipshape_service=<slug> --alertmanager.url=<your Alertmanager>.",
  },
  {
    provider: "incidentio",
    name: "incident.io: incidents",
    path: "/api/v1/webhooks/incident-io",
    env: "INCIDENT_IO_WEBHOOK_SECRET",
    auth: "Signing secret: INCIDENT_IO_WEBHOOK_SECRET (whsec_…); incident created, updated and status updated.",
    matches: "Matched by the Service or Affected services custom field.",
    test: "the endpoint's \"Send example\" in incident.io's webhook settings.",
  },
  {
    provider: "opsgenie",
    name: "Opsgenie: incidents",
    path: "/api/v1/webhooks/opsgenie",
    env: "OPSGENIE_WEBHOOK_TOKEN",
    auth: "Custom header Authorization: Bearer OPSGENIE_WEBHOOK_TOKEN; alert created and closed.",
    matches: "Matched by the alert's service:<slug> tag, else its entity.",
    test: 'the integration\'s "Send test alert" in Opsgenie.',
  },
] as const;

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
  const now = new Date();
  const [unmatched, services, syncs, deliveries, sources] = await Promise.all([
    listUnmatched(user),
    listServiceOptions(user),
    recentCatalogSyncs(user),
    webhookActivity(user, now),
    listSloSources(user),
  ]);
  const activity = (provider: string) => deliveries.find((d) => d.provider === provider);
  const catalog = configuredCatalogSource();
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Connect the tools your teams already run: what to paste into each, how its deliveries went, the pulled SLIs, the catalog sync, and the events Shipshape could not match to a service."
      />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {WEBHOOK_SOURCES.map((w) => (
          <WebhookSourceCard
            key={w.provider}
            name={w.name}
            url={publicUrl(w.path)}
            configured={Boolean(process.env[w.env])}
            env={w.env}
            auth={w.auth}
            matches={w.matches}
            test={w.test}
            activity={activity(w.provider)}
            now={now}
          />
        ))}
      </div>
      <PulledSourcesCard sources={sources} />
      <CatalogSyncCard catalogUrl={catalog?.url ?? null} lastSync={syncs[0]} />
      <Card id="unmatched" className="mt-6 scroll-mt-20">
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
