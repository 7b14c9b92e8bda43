// What an alerting tool's delivery says about incidents, before it is matched to a service. Pure.
import crypto from "node:crypto";
import type { TIncidentRecord } from "@/lib/delivery/schemas";

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
  // Hashing first gives equal lengths, so timingSafeEqual never short-circuits on length.
  const digest = (s: string) => crypto.createHash("sha256").update(s).digest();
  return crypto.timingSafeEqual(digest(match[1].trim()), digest(expected));
}
