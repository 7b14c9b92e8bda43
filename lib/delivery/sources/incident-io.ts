// incident.io webhooks (public_incident.*_v2, signed with Standard Webhooks / Svix) → incidents. Pure.
//
// An incident counts from its creation (or its "Impact started" timestamp) to the time it was
// resolved: its "Resolved at" timestamp, else the update that moved it to a post-incident or closed
// status. The service is the first value of a custom field named "Service", "Services",
// "Affected service" or "Affected services" (an option, a catalog entry or text). Declined,
// cancelled and merged incidents are not incidents; every other event type is ignored.
import { Webhook } from "standardwebhooks";
import { z } from "zod";
import type { IncidentSignal } from "./incident-signal";

/** Checks the signature and timestamp (5 minutes' tolerance); false when either is wrong. */
export function verifyIncidentIoSignature(
  secret: string,
  rawBody: Buffer,
  headers: { id: string | null; timestamp: string | null; signature: string | null },
): boolean {
  if (!headers.id || !headers.timestamp || !headers.signature) return false;
  try {
    new Webhook(secret).verify(rawBody.toString("utf8"), {
      "webhook-id": headers.id,
      "webhook-timestamp": headers.timestamp,
      "webhook-signature": headers.signature,
    });
    return true;
  } catch {
    // WebhookVerificationError: a wrong signature or a stale timestamp; or a secret that is not a key.
    return false;
  }
}

export const INCIDENT_IO_SERVICE_FIELDS = ["service", "services", "affected service", "affected services"];

const ZValue = z
  .object({
    value_text: z.string().optional().nullable(),
    value_option: z.object({ value: z.string() }).optional().nullable(),
    value_catalog_entry: z
      .object({ name: z.string(), external_id: z.string().optional().nullable() })
      .optional()
      .nullable(),
  })
  .passthrough();

const ZIncident = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  reference: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string().optional(),
  incident_status: z.object({ category: z.string(), name: z.string().optional() }),
  severity: z.object({ name: z.string() }).optional().nullable(),
  custom_field_entries: z
    .array(z.object({ custom_field: z.object({ name: z.string() }), values: z.array(ZValue) }))
    .optional()
    .default([]),
  incident_timestamp_values: z
    .array(
      z.object({
        incident_timestamp: z.object({ name: z.string() }),
        value: z.object({ value: z.string().optional().nullable() }).optional().nullable(),
      }),
    )
    .optional()
    .default([]),
});

export const ZIncidentIoPayload = z.object({ event_type: z.string().min(1) }).passthrough();

const USED = new Set([
  "public_incident.incident_created_v2",
  "public_incident.incident_updated_v2",
  "public_incident.incident_status_updated_v2",
]);
const NOT_INCIDENTS = new Set(["declined", "canceled", "cancelled", "merged"]);
const RESOLVED = new Set(["post-incident", "closed"]);

const iso = (s: string | null | undefined) => {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};

export type IncidentIoMapping = { kind: "signal"; signal: IncidentSignal } | { kind: "ignored"; reason: string };

export function incidentIoSignal(payload: z.infer<typeof ZIncidentIoPayload>, messageId: string): IncidentIoMapping {
  const type = payload.event_type;
  if (!USED.has(type)) return { kind: "ignored", reason: `event ${type} is not used` };
  // The event's data sits under a key named after the event type; a status update wraps the incident.
  const data = (payload as Record<string, unknown>)[type];
  const wrapped = z.object({ incident: z.unknown() }).safeParse(data);
  const parsed = ZIncident.safeParse(
    wrapped.success && type.endsWith("status_updated_v2") ? wrapped.data.incident : data,
  );
  if (!parsed.success) return { kind: "ignored", reason: `${type} carries no incident Shipshape can read` };
  const incident = parsed.data;
  const category = incident.incident_status.category.toLowerCase();
  if (NOT_INCIDENTS.has(category))
    return { kind: "ignored", reason: `incident ${incident.reference ?? incident.id} was ${category}` };
  const stamp = (name: string) =>
    iso(incident.incident_timestamp_values.find((t) => t.incident_timestamp.name.toLowerCase() === name)?.value?.value);
  const field = incident.custom_field_entries.find((e) =>
    INCIDENT_IO_SERVICE_FIELDS.includes(e.custom_field.name.trim().toLowerCase()),
  );
  const first = field?.values[0];
  const serviceKey =
    first?.value_catalog_entry?.external_id?.trim() ||
    first?.value_catalog_entry?.name.trim() ||
    first?.value_option?.value.trim() ||
    first?.value_text?.trim() ||
    null;
  const startedAt = stamp("impact started") ?? iso(incident.created_at);
  const resolvedAt = RESOLVED.has(category) ? (stamp("resolved at") ?? iso(incident.updated_at)) : null;
  return {
    kind: "signal",
    signal: {
      serviceKey,
      eventKey: messageId,
      incident: {
        externalId: `incident.io:${incident.id}`,
        title: (incident.name?.trim() || `incident.io ${incident.reference ?? incident.id}`).slice(0, 300),
        severity: incident.severity?.name.slice(0, 32) || null,
        startedAt,
        resolvedAt: resolvedAt !== null && startedAt !== null && resolvedAt < startedAt ? startedAt : resolvedAt,
      },
    },
  };
}
