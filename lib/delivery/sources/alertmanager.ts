// Prometheus Alertmanager's webhook receiver format (version 4) → incidents. Pure.
//
// Every alert routed to the Shipshape receiver is an incident of the service named by its first
// label among SERVICE_LABELS. An alert's incident is its fingerprint (its label set) plus the time
// it started: the firing and the resolved notification of one alert are one incident, and the same
// alert firing again tomorrow is another. Grafana's webhook contact point sends the same shape.
import crypto from "node:crypto";
import { z } from "zod";
import { ZIsoDateTime } from "@/lib/core/schemas";
import type { IncidentSignal } from "./incident-signal";

/** The labels that name the service, in order of preference. */
export const ALERTMANAGER_SERVICE_LABELS = ["shipshape_service", "service", "app", "job"] as const;

const ZLabels = z.record(z.string(), z.string());

const ZAlert = z.object({
  status: z.enum(["firing", "resolved"], { error: 'must be "firing" or "resolved"' }),
  labels: ZLabels,
  annotations: ZLabels.optional().default({}),
  startsAt: ZIsoDateTime,
  // "0001-01-01T00:00:00Z" (or a time in the future) while firing.
  endsAt: ZIsoDateTime.optional().nullable(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().min(1).optional(),
});

export const ZAlertmanagerPayload = z.object({
  version: z.string().optional(),
  status: z.enum(["firing", "resolved"], { error: 'must be "firing" or "resolved"' }),
  receiver: z.string().optional(),
  groupKey: z.string().optional(),
  alerts: z.array(ZAlert).max(1000, "must hold at most 1000 alerts"),
});
export type TAlertmanagerPayload = z.infer<typeof ZAlertmanagerPayload>;

/** Alertmanager's fingerprint when it sends one (0.19+); otherwise a hash of the sorted labels. */
function fingerprintOf(alert: z.infer<typeof ZAlert>): string {
  if (alert.fingerprint) return alert.fingerprint;
  const canonical = Object.entries(alert.labels)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(",");
  return crypto.createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}

export function alertmanagerSignals(payload: TAlertmanagerPayload): IncidentSignal[] {
  return payload.alerts.map((alert) => {
    const startedAt = new Date(alert.startsAt).toISOString();
    // A resolve ends no earlier than it started (clocks of two Prometheus servers may disagree).
    const endedAt = alert.status === "resolved" && alert.endsAt ? new Date(alert.endsAt).toISOString() : null;
    const serviceKey = ALERTMANAGER_SERVICE_LABELS.map((l) => alert.labels[l]).find((v) => v && v.trim()) ?? null;
    const name = alert.labels.alertname ?? "alert";
    return {
      serviceKey: serviceKey?.trim() ?? null,
      eventKey: `${fingerprintOf(alert)}@${startedAt}:${alert.status}`,
      incident: {
        externalId: `alertmanager:${fingerprintOf(alert)}@${startedAt}`,
        title: (alert.annotations.summary?.trim() || alert.annotations.description?.trim() || name).slice(0, 300),
        severity: alert.labels.severity?.slice(0, 32) || null,
        startedAt,
        resolvedAt: endedAt === null ? null : endedAt < startedAt ? startedAt : endedAt,
      },
    };
  });
}
