// PagerDuty v3 webhooks (incident.triggered / incident.resolved) → incidents. Pure.
import { z } from "zod";
import { hmacSha256Hex, safeEqualHex } from "./hmac";
import { ZIsoDateTime } from "@/lib/core/schemas";
import type { TIncidentRecord } from "@/lib/delivery/schemas";

/** X-PagerDuty-Signature: one or more "v1=<hex>" (several during secret rotation); any may match. */
export function verifyPagerdutySignature(secret: string, rawBody: Buffer | string, header: string | null): boolean {
  if (!header) return false;
  const expected = hmacSha256Hex(secret, rawBody);
  return header
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.startsWith("v1="))
    .some((s) => safeEqualHex(s.slice(3), expected));
}

// Every v3 delivery has this envelope; `data` depends on the event type (an incident, a note, a
// responder, a ping…), so it is read only for the two types that matter.
const ZEnvelope = z.object({
  event: z.object({
    id: z.string().min(1),
    event_type: z.string(),
    resource_type: z.string().optional(),
    occurred_at: ZIsoDateTime,
    data: z.unknown(),
  }),
});

const ZIncidentData = z.object({
  id: z.string().min(1),
  type: z.string().optional(),
  number: z.number().optional(),
  title: z.string().optional(),
  created_at: ZIsoDateTime.optional().nullable(),
  urgency: z.string().optional().nullable(),
  priority: z.object({ summary: z.string().optional() }).nullable().optional(),
  service: z.object({ id: z.string().min(1), summary: z.string().optional() }),
});

/** The event types that change an incident's DORA facts; every other type is acknowledged and ignored. */
const USED = new Set(["incident.triggered", "incident.resolved"]);

export type PagerdutyMapping =
  | { kind: "incident"; eventId: string; pdServiceId: string; incident: Omit<TIncidentRecord, "service"> }
  | { kind: "ignored"; eventId: string | null; reason: string };

/**
 * A signed v3 delivery → an incident, or the reason it is ignored (a ping, a note, an
 * acknowledgement, a payload not understood): PagerDuty drops a delivery answered with a 4xx and
 * disables the subscription after repeated drops, so nothing signed is refused.
 *
 * The start is the incident's `created_at`. A trigger without one started when it occurred; a
 * resolve without one has an unknown start (null), which is never a zero-minute incident.
 */
export function mapPagerdutyEvent(payload: unknown): PagerdutyMapping {
  const envelope = ZEnvelope.safeParse(payload);
  if (!envelope.success) return { kind: "ignored", eventId: null, reason: "not a PagerDuty v3 webhook event" };
  const { event } = envelope.data;
  if (!USED.has(event.event_type))
    return { kind: "ignored", eventId: event.id, reason: `event ${event.event_type} is not used` };
  const parsed = ZIncidentData.safeParse(event.data);
  if (!parsed.success)
    return { kind: "ignored", eventId: event.id, reason: `${event.event_type} has no incident with a service` };
  const data = parsed.data;
  const resolved = event.event_type === "incident.resolved";
  const created = data.created_at ?? (resolved ? null : event.occurred_at);
  return {
    kind: "incident",
    eventId: event.id,
    pdServiceId: data.service.id,
    incident: {
      externalId: data.id,
      title: data.title ?? `PagerDuty incident ${data.number ?? data.id}`,
      severity: data.priority?.summary ?? data.urgency ?? null,
      startedAt: created === null ? null : new Date(created).toISOString(),
      resolvedAt: resolved ? new Date(event.occurred_at).toISOString() : null,
    },
  };
}
