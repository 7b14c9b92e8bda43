// Opsgenie's outgoing webhook (alert action data) → incidents. Pure.
//
// An alert is an incident from its creation to its closing. The service is named by a tag
// `service:<key>` on the alert, or else by the alert's `entity`. Only the Create and Close actions
// change DORA facts; every other action (Acknowledge, AddNote, Escalate…) is acknowledged and ignored.
import { z } from "zod";
import type { IncidentSignal } from "./incident-signal";

// Opsgenie sends createdAt in milliseconds and updatedAt in nanoseconds since the epoch.
const ZEpoch = z.number().nonnegative();

export const ZOpsgeniePayload = z.object({
  action: z.string().min(1, "must name the alert action"),
  alert: z.object({
    alertId: z.string().min(1, "must not be empty"),
    message: z.string().optional(),
    tags: z.array(z.string()).optional().default([]),
    entity: z.string().optional().nullable(),
    alias: z.string().optional().nullable(),
    tinyId: z.string().optional(),
    priority: z.string().optional().nullable(),
    createdAt: ZEpoch,
    updatedAt: ZEpoch.optional(),
  }),
  integrationName: z.string().optional(),
});
export type TOpsgeniePayload = z.infer<typeof ZOpsgeniePayload>;

/** Milliseconds, microseconds or nanoseconds since the epoch → ISO, by magnitude. */
export function epochToIso(value: number): string {
  const ms = value >= 1e17 ? value / 1e6 : value >= 1e14 ? value / 1e3 : value;
  return new Date(Math.floor(ms)).toISOString();
}

export const OPSGENIE_SERVICE_TAG = "service:";

export type OpsgenieMapping = { kind: "signal"; signal: IncidentSignal } | { kind: "ignored"; reason: string };

/** A close without `updatedAt` closed when it was received. */
export function opsgenieSignal(payload: TOpsgeniePayload, receivedAt: Date): OpsgenieMapping {
  const action = payload.action.toLowerCase();
  if (action !== "create" && action !== "close")
    return { kind: "ignored", reason: `action ${payload.action} is not used` };
  const { alert } = payload;
  const tag = alert.tags.find((t) => t.toLowerCase().startsWith(OPSGENIE_SERVICE_TAG));
  const serviceKey = tag?.slice(OPSGENIE_SERVICE_TAG.length).trim() || alert.entity?.trim() || null;
  const startedAt = epochToIso(alert.createdAt);
  const closedAt =
    action === "close"
      ? alert.updatedAt === undefined
        ? receivedAt.toISOString()
        : epochToIso(alert.updatedAt)
      : null;
  return {
    kind: "signal",
    signal: {
      serviceKey,
      eventKey: `${alert.alertId}:${action}`,
      incident: {
        externalId: `opsgenie:${alert.alertId}`,
        title: (alert.message?.trim() || `Opsgenie alert ${alert.tinyId ?? alert.alertId}`).slice(0, 300),
        severity: alert.priority?.slice(0, 32) || null,
        startedAt,
        resolvedAt: closedAt === null ? null : closedAt < startedAt ? startedAt : closedAt,
      },
    },
  };
}
