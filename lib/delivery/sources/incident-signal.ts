// What an alerting tool's delivery says about incidents, before it is matched to a service. Pure.
import type { TIncidentRecord } from "@/lib/delivery/schemas";
import { safeEqualText } from "./hmac";

/**
 * One incident fact from an alerting tool. `serviceKey` is what the service is matched on (a label
 * or tag value, documented per source), null when the delivery names none; `eventKey` identifies
 * this fact, so a repeated notification is recognised.
 */
export type IncidentSignal = {
  serviceKey: string | null;
  eventKey: string;
  incident: Omit<TIncidentRecord, "service">;
};

/** Constant-time check of a shared token sent as `Authorization: Bearer <token>`. */
export function bearerMatches(expected: string, header: string | null): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? "");
  if (!match) return false;
  return safeEqualText(match[1].trim(), expected);
}
