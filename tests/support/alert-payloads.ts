// Alerting tools' webhook bodies in the shapes they document (Alertmanager's receiver format 4,
// Opsgenie's alert action data, incident.io's IncidentV2), with the fields a test varies as parameters.

/**
 * An Alertmanager webhook notification (receiver format version 4, as in the Prometheus
 * configuration docs), one alert per entry; times are Go's RFC 3339 with nanoseconds.
 */
export function alertmanagerNotification(
  alerts: Array<{
    status: "firing" | "resolved";
    labels: Record<string, string>;
    summary?: string;
    startsAt: string;
    endsAt?: string;
    fingerprint?: string;
  }>,
) {
  const status = alerts.some((a) => a.status === "firing") ? "firing" : "resolved";
  const common = alerts.length === 1 ? alerts[0].labels : {};
  return {
    receiver: "shipshape",
    status,
    alerts: alerts.map((a) => ({
      status: a.status,
      labels: a.labels,
      annotations: a.summary ? { summary: a.summary, description: `${a.summary} (from a test)` } : {},
      startsAt: a.startsAt,
      endsAt: a.endsAt ?? "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1",
      ...(a.fingerprint ? { fingerprint: a.fingerprint } : {}),
    })),
    groupLabels: { alertname: alerts[0]?.labels.alertname ?? "" },
    commonLabels: common,
    commonAnnotations: {},
    externalURL: "http://alertmanager.example.org:9093",
    version: "4",
    groupKey: '{}/{severity="critical"}:{alertname="ProbeFailure"}',
    truncatedAlerts: 0,
  };
}

/** Opsgenie's alert action data as its webhook integration posts it (createdAt ms, updatedAt ns). */
export function opsgenieAction(opts: {
  action: string;
  alertId: string;
  tags?: string[];
  entity?: string;
  message?: string;
  createdAtMs: number;
  updatedAtMs: number;
}) {
  return {
    source: { name: "web", type: "API" },
    alert: {
      updatedAt: opts.updatedAtMs * 1_000_000,
      tags: opts.tags ?? [],
      teams: ["team1"],
      recipients: ["recipient1"],
      message: opts.message ?? "Checkout errors above 5%",
      username: "fili@example.com",
      alertId: opts.alertId,
      source: "fili@example.com",
      alias: `alias-${opts.alertId}`,
      tinyId: "23",
      createdAt: opts.createdAtMs,
      userId: "daed1180-0ce8-438b-8f8e-57e1a5920a2d",
      entity: opts.entity ?? "",
      priority: "P1",
    },
    action: opts.action,
    integrationId: "37c8f316-17c6-49d7-899b-9c7e540c048d",
    integrationName: "Shipshape",
  };
}

/** An incident.io v2 incident (IncidentV2 in their webhooks OpenAPI), as its events carry it. */
export function incidentIoIncident(opts: {
  id: string;
  status: "triage" | "active" | "post-incident" | "closed" | "declined";
  createdAt: string;
  updatedAt: string;
  service?: string;
  resolvedAt?: string;
}) {
  return {
    id: opts.id,
    reference: "INC-123",
    name: "Checkout is returning 500s",
    summary: "Our checkout service is returning 500s for 10% of requests.",
    permalink: `https://app.incident.io/incidents/${opts.id}`,
    mode: "standard",
    visibility: "public",
    created_at: opts.createdAt,
    updated_at: opts.updatedAt,
    incident_status: {
      id: "01FCNDV6P870EA6S7TK1DSYDG0",
      name: opts.status === "active" ? "Investigating" : opts.status,
      category: opts.status,
      description: "Impact has been fully mitigated.",
      rank: 4,
      created_at: "2021-08-17T13:28:57.801578Z",
      updated_at: "2021-08-17T13:28:57.801578Z",
    },
    severity: { id: "01FH5TZRWMNAFB0DZ23FD1TV96", name: "Minor", description: "Issues with low impact", rank: 1 },
    incident_type: { id: "01FH5TZRWMNAFB0DZ23FD1TV96", name: "Security incident", is_default: false },
    custom_field_entries: opts.service
      ? [
          {
            custom_field: {
              id: "01FCNDV6P870EA6S7TK1DSYDG0",
              name: "Affected services",
              description: "Which services were affected",
              field_type: "multi_select",
              options: [],
            },
            values: [{ value_option: { id: "01FCNDV6P870EA6S7TK1DSYDG0", value: opts.service, sort_key: 10 } }],
          },
        ]
      : [],
    incident_timestamp_values: opts.resolvedAt
      ? [
          {
            incident_timestamp: { id: "01FCNDV6P870EA6S7TK1DSYD5H", name: "Resolved at", rank: 1 },
            value: { value: opts.resolvedAt },
          },
        ]
      : [],
    incident_role_assignments: [],
    creator: { user: { id: "01FCNDV6P870EA6S7TK1DSYDG0", name: "Lisa Karlin Curtis", role: "viewer" } },
  };
}
