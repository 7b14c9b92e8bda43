// Outgoing notifications, pure: the events, their Slack-compatible JSON body, and the HMAC signature
// receivers verify. A Slack incoming webhook reads `text` and `blocks`; other receivers get the
// structured `event`, `team`, `service` and `data` fields alongside.
import { hmacSha256Hex, safeEqualHex } from "@/lib/delivery/sources";

export const NOTIFICATION_EVENTS = [
  "level.dropped",
  "waiver.expiring",
  "waiver.expired",
  "slo.burning",
  "slo.exhausted",
  "initiative.overdue",
  "review.requested",
  "review.decided",
  "digest.weekly",
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const EVENT_LABEL: Record<NotificationEvent, string> = {
  "level.dropped": "A service's level dropped",
  "waiver.expiring": "A waiver expires within 7 days",
  "waiver.expired": "A waiver expired",
  "slo.burning": "An SLO started burning",
  "slo.exhausted": "An SLO's error budget is exhausted",
  "initiative.overdue": "An initiative is overdue",
  "review.requested": "A readiness review was requested",
  "review.decided": "A readiness review was decided",
  "digest.weekly": "Weekly digest: failing rules, next levels, changes, expiring exemptions",
};

const EMOJI: Record<NotificationEvent, string> = {
  "level.dropped": ":small_red_triangle_down:",
  "waiver.expiring": ":hourglass_flowing_sand:",
  "waiver.expired": ":warning:",
  "slo.burning": ":fire:",
  "slo.exhausted": ":rotating_light:",
  "initiative.overdue": ":calendar:",
  "review.requested": ":mag:",
  "review.decided": ":white_check_mark:",
  "digest.weekly": ":bar_chart:",
};

export type NotificationInput = {
  event: NotificationEvent;
  /** One sentence saying what happened, in Slack mrkdwn. */
  summary: string;
  team: string | null;
  service: string | null;
  /** Link into Shipshape (absolute when the public URL is known). */
  url: string | null;
  data: Record<string, unknown>;
  occurredAt: Date;
};

export type NotificationBody = {
  text: string;
  blocks: Array<Record<string, unknown>>;
  event: NotificationEvent;
  team: string | null;
  service: string | null;
  url: string | null;
  data: Record<string, unknown>;
  occurredAt: string;
};

export function notificationBody(n: NotificationInput): NotificationBody {
  const text = `${EMOJI[n.event]} ${n.summary}`;
  const context = [n.team && `team *${n.team}*`, n.service && `service *${n.service}*`, `\`${n.event}\``]
    .filter(Boolean)
    .join(" · ");
  return {
    text,
    blocks: [
      // Slack takes at most 3,000 characters in a section.
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `${text.length > 2800 ? `${text.slice(0, 2799)}…` : text}${n.url ? `\n<${n.url}|Open in Shipshape>` : ""}`,
        },
      },
      { type: "context", elements: [{ type: "mrkdwn", text: `Shipshape · ${context}` }] },
    ],
    event: n.event,
    team: n.team,
    service: n.service,
    url: n.url,
    data: n.data,
    occurredAt: n.occurredAt.toISOString(),
  };
}

export const SIGNATURE_HEADER = "X-Shipshape-Signature";
export const TIMESTAMP_HEADER = "X-Shipshape-Timestamp";

/** `v1=<hex>`: HMAC-SHA256 with the webhook's secret over `<timestamp>.<raw body>` (unix seconds). */
export function signNotification(secret: string, timestamp: number, body: string): string {
  return `v1=${hmacSha256Hex(secret, `${timestamp}.${body}`)}`;
}

/** The receiver's side: checks the signature in constant time and rejects stale timestamps (replays). */
export function verifyNotification(
  secret: string,
  header: string | null,
  timestamp: string | null,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  if (!header?.startsWith("v1=") || !timestamp || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  return safeEqualHex(header.slice(3), hmacSha256Hex(secret, `${timestamp}.${body}`));
}

/** Retry schedule: pg-boss retries a failed delivery this many times with exponential backoff. */
export const DELIVERY_RETRIES = 5;

/** Escapes text for Slack mrkdwn: `&`, `<` and `>` (a name cannot become a link or an @channel). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A tagged template for summaries: every interpolated value is escaped, the literal text is not. */
export function mrkdwn(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? escapeMrkdwn(String(values[i])) : ""), "");
}
