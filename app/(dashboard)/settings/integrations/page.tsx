import type { Metadata } from "next";
import Link from "next/link";
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
import { CopyButton } from "@/components/ui/copy-button";
import { listSloSources } from "@/lib/slo/server";
import { formatDateTime, formatDuration } from "@/lib/core/format";

export const metadata: Metadata = { title: "Integrations" };

type Activity = { counts: Record<string, number>; lastAt: Date | null } | undefined;

const ago = (ms: number) => (ms < 60_000 ? "just now" : `${formatDuration(ms)} ago`);

const OUTCOMES: Array<[string, string]> = [
  ["applied", "accepted"],
  ["unmatched", "unmatched"],
  ["ignored", "ignored"],
];

/** One source: what to paste into the other tool, whether it is configured, and how it has gone. */
function Hook({
  name,
  path,
  configured,
  env,
  auth,
  matches,
  activity,
  now,
}: {
  name: string;
  path: string;
  configured: boolean;
  env: string;
  auth: string;
  matches: string;
  activity: Activity;
  now: Date;
}) {
  const url = publicUrl(path);
  const total = activity ? Object.values(activity.counts).reduce((a, b) => a + b, 0) : 0;
  return (
    <div className="grid gap-2 rounded-md border border-border p-4 text-sm">
      <div className="flex items-center justify-between gap-2">
        <p className="font-medium">{name}</p>
        {configured ? <Badge tone="success">ready</Badge> : <Badge tone="warning">{env} not set</Badge>}
      </div>
      <div className="flex min-w-0 items-center gap-1 rounded bg-muted/50 px-2 py-1">
        <code className="min-w-0 flex-1 truncate font-mono text-xs" title={url}>
          POST {url}
        </code>
        <CopyButton value={url} label={`${name} URL`} />
      </div>
      <p className="text-xs text-muted-foreground">
        {auth} Content type <code className="font-mono">application/json</code>.
      </p>
      <p className="text-xs text-muted-foreground">{matches}</p>
      <p className="text-xs">
        {total === 0 ? (
          <span className="text-muted-foreground">No delivery in the last 30 days.</span>
        ) : (
          <>
            Last delivery {activity?.lastAt ? ago(now.getTime() - activity.lastAt.getTime()) : "—"} ·{" "}
            {OUTCOMES.filter(([k]) => activity?.counts[k])
              .map(([k, label]) => `${activity?.counts[k]} ${label}`)
              .join(", ")}{" "}
            (30 days)
          </>
        )}
      </p>
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
  const now = new Date();
  const [unmatched, services, syncs, deliveries, sources] = await Promise.all([
    listUnmatched(user),
    listServiceOptions(user),
    recentCatalogSyncs(user),
    webhookActivity(user, now),
    listSloSources(user),
  ]);
  const failing = sources.filter((x) => x.lastError !== null);
  const activity = (provider: string) => deliveries.find((d) => d.provider === provider);
  const catalog = configuredCatalogSource();
  const lastSync = syncs[0];
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Connect the tools your teams already run: what to paste into each, how its deliveries went, the pulled SLIs, the catalog sync, and the events Shipshape could not match to a service."
      />
      <div className="grid gap-4 md:grid-cols-2">
        <Hook
          name="GitHub: deployments, pushes, pull requests"
          path="/api/v1/webhooks/github"
          configured={Boolean(process.env.GITHUB_WEBHOOK_SECRET)}
          env="GITHUB_WEBHOOK_SECRET"
          auth="Secret: GITHUB_WEBHOOK_SECRET (signature in X-Hub-Signature-256); events deployment_status, push, pull_request."
          matches="Matched by repository host and path (the service's repo URL)."
          activity={activity("github")}
          now={now}
        />
        <Hook
          name="GitLab: deployments, pushes, merge requests"
          path="/api/v1/webhooks/gitlab"
          configured={Boolean(process.env.GITLAB_WEBHOOK_TOKEN)}
          env="GITLAB_WEBHOOK_TOKEN"
          auth="Secret token: GITLAB_WEBHOOK_TOKEN (sent in X-Gitlab-Token); Deployment, Push and Merge request events."
          matches="Matched by project host and path (the service's repo URL)."
          activity={activity("gitlab")}
          now={now}
        />
        <Hook
          name="PagerDuty: incidents"
          path="/api/v1/webhooks/pagerduty"
          configured={Boolean(process.env.PAGERDUTY_WEBHOOK_SECRET)}
          env="PAGERDUTY_WEBHOOK_SECRET"
          auth="Signing secret: PAGERDUTY_WEBHOOK_SECRET (X-PagerDuty-Signature); a v3 webhook subscription."
          matches="Matched by the service's PagerDuty service id."
          activity={activity("pagerduty")}
          now={now}
        />
        <Hook
          name="Prometheus Alertmanager: incidents"
          path="/api/v1/webhooks/alertmanager"
          configured={Boolean(process.env.ALERTMANAGER_WEBHOOK_TOKEN)}
          env="ALERTMANAGER_WEBHOOK_TOKEN"
          auth="Header Authorization: Bearer ALERTMANAGER_WEBHOOK_TOKEN (the receiver's http_config.authorization); send_resolved: true."
          matches="Matched by the alert's shipshape_service, service, app or job label."
          activity={activity("alertmanager")}
          now={now}
        />
        <Hook
          name="incident.io: incidents"
          path="/api/v1/webhooks/incident-io"
          configured={Boolean(process.env.INCIDENT_IO_WEBHOOK_SECRET)}
          env="INCIDENT_IO_WEBHOOK_SECRET"
          auth="Signing secret: INCIDENT_IO_WEBHOOK_SECRET (whsec_…); incident created, updated and status updated."
          matches="Matched by the Service or Affected services custom field."
          activity={activity("incidentio")}
          now={now}
        />
        <Hook
          name="Opsgenie: incidents"
          path="/api/v1/webhooks/opsgenie"
          configured={Boolean(process.env.OPSGENIE_WEBHOOK_TOKEN)}
          env="OPSGENIE_WEBHOOK_TOKEN"
          auth="Custom header Authorization: Bearer OPSGENIE_WEBHOOK_TOKEN; alert created and closed."
          matches="Matched by the alert's service:<slug> tag, else its entity."
          activity={activity("opsgenie")}
          now={now}
        />
      </div>
      <Card className="mt-6">
        <CardHeader>
          <div>
            <CardTitle>Pulled SLIs</CardTitle>
            <CardDescription>
              {sources.length === 0
                ? "No SLO reads from Prometheus yet: connect one with PUT /api/v1/slos/{id}/source, or import Sloth or OpenSLO specs with PROMETHEUS_URL set."
                : `${sources.length} SLO${sources.length === 1 ? "" : "s"} read from Prometheus every 5 minutes; ${failing.length} failing.`}
            </CardDescription>
          </div>
        </CardHeader>
        {sources.length > 0 ? (
          <Table>
            <THead>
              <tr>
                <TH>SLO</TH>
                <TH>Source</TH>
                <TH>Last run</TH>
                <TH>Next run</TH>
                <TH>State</TH>
              </tr>
            </THead>
            <TBody>
              {sources.slice(0, 50).map((x) => (
                <TR key={`${x.service.slug}/${x.slo}`}>
                  <TD>
                    <Link className="text-primary hover:underline" href={`/services/${x.service.slug}/slos`}>
                      {x.service.name} · {x.slo}
                    </Link>
                  </TD>
                  <TD className="max-w-64 truncate font-mono text-xs" title={x.effectiveUrl ?? ""}>
                    {x.effectiveUrl ?? "PROMETHEUS_URL (not set)"}
                  </TD>
                  <TD className="text-muted-foreground">
                    {x.lastRunAt ? formatDateTime(new Date(x.lastRunAt)) : "not yet"}
                  </TD>
                  <TD className="text-muted-foreground">
                    {x.lastRunAt
                      ? formatDateTime(new Date(new Date(x.lastRunAt).getTime() + 5 * 60_000))
                      : "within 5 minutes"}
                  </TD>
                  <TD>
                    {x.lastError ? (
                      <span className="text-danger" title={x.lastError}>
                        failing: {x.lastError.slice(0, 80)}
                      </span>
                    ) : x.lastSuccessAt ? (
                      <Badge tone="success">ok</Badge>
                    ) : (
                      <Badge>waiting</Badge>
                    )}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        ) : null}
      </Card>
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
