import { ZAlertmanagerPayload, ZIncidentIoPayload, ZOpsgeniePayload } from "@/lib/delivery/sources";
import { z } from "zod";
import type { Endpoint } from "./openapi";

const STATUS = z.enum(["applied", "duplicate", "unmatched", "ignored"]);
/** GitHub, GitLab and PagerDuty: one delivery, one outcome. */
const ZDeliveryOutcome = z
  .object({ status: STATUS, detail: z.string().optional().meta({ description: "Why it was unmatched or ignored" }) })
  .meta({ id: "WebhookDeliveryOutcome" });
/** Alertmanager, incident.io and Opsgenie: a delivery may carry many alerts. */
const ZAlertOutcome = z
  .object({
    status: STATUS,
    recorded: z.number().int(),
    duplicates: z.number().int(),
    unmatched: z.number().int(),
    ignored: z.number().int(),
    details: z.array(z.string()),
  })
  .meta({ id: "WebhookAlertOutcome" });

/** The three answers of every webhook: 201 applied, 200 a repeat, 202 kept unmatched or ignored. */
function outcomes(schema: z.ZodType, applied: string) {
  return {
    ok: { status: 201, description: applied, schema },
    also: [
      { status: 200, description: "A repeat of a delivery already applied: nothing changed", schema },
      { status: 202, description: "Accepted and kept, but unmatched (kept for mapping) or ignored (counted)", schema },
    ],
  };
}

// The webhooks in the OpenAPI document: each authenticated by its sender's own secret, not a token.
export const WEBHOOK_ENDPOINTS: Endpoint[] = [
  {
    method: "post",
    path: "/api/v1/webhooks/github",
    summary:
      "GitHub `deployment_status`, `push` and merged `pull_request` events, JSON or form-encoded (`X-Hub-Signature-256`): pushes and pull requests give deployments their lead time",
    ...outcomes(ZDeliveryOutcome, "Applied (`200` duplicate delivery, `202` unmatched or ignored)"),
    errors: [400, 401, 413, 415],
  },
  {
    method: "post",
    path: "/api/v1/webhooks/pagerduty",
    summary:
      "PagerDuty v3 webhook events (`X-PagerDuty-Signature`); only incident.triggered and incident.resolved are used",
    ...outcomes(
      ZDeliveryOutcome,
      "Applied (`200` duplicate delivery, `202` unmatched or ignored: pings, notes, acknowledgements)",
    ),
    errors: [400, 401, 413],
  },
  {
    method: "post",
    path: "/api/v1/webhooks/gitlab",
    summary:
      "GitLab Deployment, Push and Merge Request events (`X-Gitlab-Token`, `X-Gitlab-Event`, `Idempotency-Key` or `X-Gitlab-Event-UUID`), matched by project host and path",
    authNote: "Authenticated by the webhook's secret token in `X-Gitlab-Token` (GITLAB_WEBHOOK_TOKEN).",
    ...outcomes(ZDeliveryOutcome, "Applied (`200` duplicate delivery, `202` unmatched or ignored)"),
    errors: [400, 401, 413, 415],
  },
  {
    method: "post",
    path: "/api/v1/webhooks/alertmanager",
    summary:
      "Prometheus Alertmanager webhook notifications (receiver format version 4): each alert is an incident of the service its `shipshape_service`, `service`, `app` or `job` label names",
    body: ZAlertmanagerPayload,
    authNote: "Authenticated by `Authorization: Bearer <ALERTMANAGER_WEBHOOK_TOKEN>` (the receiver's `http_config`).",
    ...outcomes(
      ZAlertOutcome,
      "At least one alert recorded, with counts (`200` all repeats, `202` only unmatched or ignored alerts)",
    ),
    errors: [400, 401, 413, 415],
  },
  {
    method: "post",
    path: "/api/v1/webhooks/incident-io",
    summary:
      "incident.io incident created, updated and status-updated events (v2): the incident of the service its Service or Affected services custom field names",
    body: ZIncidentIoPayload,
    authNote:
      "Authenticated by the Standard Webhooks signature (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with INCIDENT_IO_WEBHOOK_SECRET.",
    ...outcomes(ZAlertOutcome, "Recorded (`200` a retried message, `202` unmatched or ignored)"),
    errors: [400, 401, 413, 415],
  },
  {
    method: "post",
    path: "/api/v1/webhooks/opsgenie",
    summary:
      "Opsgenie alert actions (webhook integration): Create opens an incident and Close resolves it, for the service its `service:<slug>` tag (else its entity) names",
    body: ZOpsgeniePayload,
    authNote: "Authenticated by `Authorization: Bearer <OPSGENIE_WEBHOOK_TOKEN>` (a custom header on the integration).",
    ...outcomes(ZAlertOutcome, "Recorded (`200` a repeat, `202` unmatched, or an action that is not used)"),
    errors: [400, 401, 413, 415],
  },
];
