// PagerDuty v3 webhooks (incident.triggered / incident.resolved) → incidents. Pure.
import { z } from "zod";
import { hmacSha256Hex, safeEqualHex } from "./hmac";
import type { TIncidentInput } from "@/lib/delivery/schemas";

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

const ZEvent = z.object({
  event: z.object({
    id: z.string(),
    event_type: z.string(),
    occurred_at: z.string(),
    data: z.object({
      id: z.string(),
      type: z.string().optional(),
      number: z.number().optional(),
      title: z.string().optional(),
      created_at: z.string().optional(),
      urgency: z.string().optional(),
      priority: z.object({ summary: z.string().optional() }).nullable().optional(),
      service: z.object({ id: z.string(), summary: z.string().optional() }),
    }),
  }),
});

export type PagerdutyMapping =
  | { kind: "incident"; eventId: string; pdServiceId: string; incident: Omit<TIncidentInput, "service"> }
  | { kind: "ignored"; eventId: string | null; reason: string }
  | { kind: "invalid"; reason: string };

export function mapPagerdutyEvent(payload: unknown): PagerdutyMapping {
  const parsed = ZEvent.safeParse(payload);
  if (!parsed.success) return { kind: "invalid", reason: "not a PagerDuty v3 webhook payload" };
  const { event } = parsed.data;
  if (event.event_type !== "incident.triggered" && event.event_type !== "incident.resolved") {
    return { kind: "ignored", eventId: event.id, reason: `event ${event.event_type} is not used` };
  }
  const data = event.data;
  const startedAt = new Date(data.created_at ?? event.occurred_at).toISOString();
  return {
    kind: "incident",
    eventId: event.id,
    pdServiceId: data.service.id,
    incident: {
      externalId: data.id,
      title: data.title ?? `PagerDuty incident ${data.number ?? data.id}`,
      severity: data.priority?.summary ?? data.urgency ?? null,
      startedAt,
      resolvedAt: event.event_type === "incident.resolved" ? new Date(event.occurred_at).toISOString() : null,
    },
  };
}
