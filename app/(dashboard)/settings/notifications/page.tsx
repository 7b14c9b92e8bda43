import type { Metadata } from "next";
import { Bell, Send } from "lucide-react";
import { WebhookForm } from "@/components/notifications/webhook-form";
import { ActionButton } from "@/components/ui/action-button";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { deleteWebhookAction, testWebhookAction, toggleWebhookAction } from "@/lib/notifications/actions";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { DELIVERY_PAGE, listDeliveries, listWebhooks } from "@/lib/notifications/server";
import { listTeams } from "@/lib/catalog/server";
import { formatDateTime } from "@/lib/core/format";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from "@/lib/notifications/domain";

export const metadata: Metadata = { title: "Notifications · Settings" };

const STATUS_TONE = { delivered: "success", pending: "warning", failed: "danger" } as const;

export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requireUser();
  if (!can(user, "notification.manage")) {
    return (
      <>
        <PageHeader title="Notifications" />
        <Alert tone="warning" title="Platform team only">
          Outgoing webhooks and their delivery log are managed by the platform team.
        </Alert>
      </>
    );
  }
  const page = Math.max(1, Number((await searchParams).page) || 1);
  const [hooks, deliveries, teams] = await Promise.all([
    listWebhooks(user),
    listDeliveries(user, page),
    listTeams(user),
  ]);
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Outgoing webhooks in Slack's JSON shape: level drops, waivers expiring, SLOs burning, initiatives overdue, reviews. Delivered in the background with retries."
      />
      <div className="grid grid-cols-1 gap-6">
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Webhooks ({hooks.length})</CardTitle>
              <CardDescription>
                Each request carries{" "}
                <code className="font-mono">
                  {SIGNATURE_HEADER}: v1=HMAC-SHA256(secret, &quot;timestamp.body&quot;)
                </code>{" "}
                and <code className="font-mono">{TIMESTAMP_HEADER}</code>; see the README to verify it.
              </CardDescription>
            </div>
          </CardHeader>
          {hooks.length === 0 ? (
            <EmptyState icon={Bell} title="No webhooks yet">
              Add one below; a Slack incoming webhook URL works as is.
            </EmptyState>
          ) : (
            <Table aria-label="Webhooks">
              <THead>
                <TR>
                  <TH>Webhook</TH>
                  <TH>Team</TH>
                  <TH>Events</TH>
                  <TH>Secret</TH>
                  <TH className="text-right">
                    <span className="sr-only">Actions</span>
                  </TH>
                </TR>
              </THead>
              <TBody>
                {hooks.map((h) => (
                  <TR key={h.id}>
                    <TD>
                      <span className="font-medium">{h.name}</span> {h.enabled ? null : <Badge>disabled</Badge>}
                      <span className="block max-w-72 truncate font-mono text-xs text-muted-foreground">{h.url}</span>
                    </TD>
                    <TD className="text-sm">{h.team?.name ?? "All teams"}</TD>
                    <TD className="text-xs text-muted-foreground">
                      {h.events.length === 8 ? "all events" : h.events.join(", ")}
                    </TD>
                    <TD>
                      {h.secret === null ? (
                        <span className="text-destructive text-xs" title={h.secretError ?? undefined}>
                          unreadable: set SHIPSHAPE_SECRETS_KEY_PREVIOUS
                        </span>
                      ) : (
                        <details>
                          <summary className="cursor-pointer text-xs text-primary">Reveal</summary>
                          <code className="font-mono text-xs break-all">{h.secret}</code>
                        </details>
                      )}
                    </TD>
                    <TD className="text-right">
                      <div className="flex justify-end gap-1">
                        <ActionButton
                          action={testWebhookAction}
                          fields={{ id: h.id }}
                          label="Send test"
                          pendingLabel="Queuing…"
                        />
                        <ActionButton
                          action={toggleWebhookAction}
                          fields={{ id: h.id, enabled: String(!h.enabled) }}
                          label={h.enabled ? "Disable" : "Enable"}
                        />
                        <ActionButton
                          action={deleteWebhookAction}
                          fields={{ id: h.id }}
                          label="Delete"
                          variant="ghost"
                          confirm={`Delete the webhook "${h.name}"? Its delivery log goes too.`}
                        />
                      </div>
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Add a webhook</CardTitle>
            </div>
          </CardHeader>
          <CardContent>
            <WebhookForm teams={teams.map((t) => ({ id: t.id, name: t.name }))} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Delivery log ({deliveries.total})</CardTitle>
              <CardDescription>
                Failed attempts are retried 5 times with exponential backoff, then marked failed.
              </CardDescription>
            </div>
          </CardHeader>
          {deliveries.total === 0 ? (
            <EmptyState icon={Send} title="Nothing delivered yet" />
          ) : (
            <>
              <Table aria-label="Delivery log">
                <THead>
                  <TR>
                    <TH>When</TH>
                    <TH>Webhook</TH>
                    <TH>Event</TH>
                    <TH>Message</TH>
                    <TH>Status</TH>
                    <TH className="text-right">Attempts</TH>
                  </TR>
                </THead>
                <TBody>
                  {deliveries.rows.map((d) => (
                    <TR key={d.id}>
                      <TD className="text-xs whitespace-nowrap text-muted-foreground">{formatDateTime(d.createdAt)}</TD>
                      <TD className="text-sm">{d.webhook.name}</TD>
                      <TD>
                        <code className="font-mono text-xs">{d.event}</code>
                      </TD>
                      <TD className="max-w-md truncate text-xs">
                        {String((d.payload as { text?: string }).text ?? "")}
                      </TD>
                      <TD>
                        <Badge tone={STATUS_TONE[d.status as keyof typeof STATUS_TONE] ?? "neutral"}>{d.status}</Badge>
                        {d.lastError ? (
                          <span className="block text-xs text-danger-ink">{d.lastError}</span>
                        ) : d.responseCode ? (
                          <span className="block text-xs text-muted-foreground">HTTP {d.responseCode}</span>
                        ) : null}
                      </TD>
                      <TD className="text-right tabular-nums">{d.attempts}</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
              <Pagination
                page={page}
                pageSize={DELIVERY_PAGE}
                total={deliveries.total}
                href={(p) => `/settings/notifications?page=${p}`}
              />
            </>
          )}
        </Card>
      </div>
    </>
  );
}
