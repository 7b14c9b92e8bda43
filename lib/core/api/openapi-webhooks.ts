import { ZAlertmanagerPayload, ZIncidentIoPayload, ZOpsgeniePayload } from "@/lib/delivery/sources";
import type { Endpoint } from "./openapi";

// The webhooks in the OpenAPI document: each authenticated by its sender's own secret, not a token.
export const WEBHOOK_ENDPOINTS: Endpoint[] = [
  {
    method: "post",
    path: "/api/v1/webhooks/github",
    summary:
      "GitHub `deployment_status`, `push` and merged `pull_request` events, JSON or form-encoded (`X-Hub-Signature-256`): pushes and pull requests give deployments their lead time",
    ok: { status: 201, description: "Applied (`200` duplicate delivery, `202` unmatched or ignored)" },
    errors: [400, 401, 413, 415],
  },
  {
    method: "post",
    path: "/api/v1/webhooks/pagerduty",
    summary:
      "PagerDuty v3 webhook events (`X-PagerDuty-Signature`); only incident.triggered and incident.resolved are used",
    ok: {
      status: 201,
      description: "Applied (`200` duplicate delivery, `202` unmatched or ignored: pings, notes, acknowledgements)",
    },
    errors: [400, 401, 413],
  },
  {
    method: "post",
    path: "/api/v1/webhooks/gitlab",
    summary:
      "GitLab Deployment, Push and Merge Request events (`X-Gitlab-Token`, `X-Gitlab-Event`, `Idempotency-Key` or `X-Gitlab-Event-UUID`), matched by project host and path",
    authNote: "Authenticated by the webhook's secret token in `X-Gitlab-Token` (GITLAB_WEBHOOK_TOKEN).",
    ok: { status: 201, description: "Applied (`200` duplicate delivery, `202` unmatched or ignored)" },
    errors: [400, 401, 413, 415],
  },
  {
    method: "post",
    path: "/api/v1/webhooks/alertmanager",
    summary:
      "Prometheus Alertmanager webhook notifications (receiver format version 4): each alert is an incident of the service its `shipshape_service`, `service`, `app` or `job` label names",
    body: ZAlertmanagerPayload,
    authNote: "Authenticated by `Authorization: Bearer <ALERTMANAGER_WEBHOOK_TOKEN>` (the receiver's `http_config`).",
    ok: {
      status: 201,
      description:
        "At least one alert recorded, with counts (`200` all repeats, `202` only unmatched or ignored alerts)",
    },
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
    ok: { status: 201, description: "Recorded (`200` a retried message, `202` unmatched or ignored)" },
    errors: [400, 401, 413, 415],
  },
  {
    method: "post",
    path: "/api/v1/webhooks/opsgenie",
    summary:
      "Opsgenie alert actions (webhook integration): Create opens an incident and Close resolves it, for the service its `service:<slug>` tag (else its entity) names",
    body: ZOpsgeniePayload,
    authNote: "Authenticated by `Authorization: Bearer <OPSGENIE_WEBHOOK_TOKEN>` (a custom header on the integration).",
    ok: { status: 201, description: "Recorded (`200` a repeat, `202` unmatched, or an action that is not used)" },
    errors: [400, 401, 413, 415],
  },
];
