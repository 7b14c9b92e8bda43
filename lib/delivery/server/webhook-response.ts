import "server-only";
import { AppError } from "@/lib/core/errors";
import { jsonResponse } from "@/lib/core/api/json-response";
import { countIngested } from "@/lib/core/metrics";
import type { WebhookOutcome } from "./webhook-deliveries";
import { tallyWebhook } from "./webhook-tally";

const STATUS: Record<WebhookOutcome["status"], number> = { applied: 201, duplicate: 200, unmatched: 202, ignored: 202 };

const RESULT = { applied: "accepted", duplicate: "duplicate", unmatched: "unmatched", ignored: "ignored" } as const;

/**
 * The answer to a signed delivery, counted in shipshape_events_ingested_total by its outcome, and a
 * replay or an ignored one on the Integrations page.
 */
export async function webhookResponse(
  outcome: WebhookOutcome,
  provider: "github" | "gitlab" | "pagerduty",
): Promise<Response> {
  countIngested(`${provider}_delivery`, RESULT[outcome.status]);
  if (outcome.status === "duplicate") await tallyWebhook(provider, "duplicate", "");
  if (outcome.status === "ignored") await tallyWebhook(provider, "ignored", outcome.detail ?? "");
  return jsonResponse(outcome, { status: STATUS[outcome.status] });
}

export function requireSecret(
  name:
    | "GITHUB_WEBHOOK_SECRET"
    | "GITLAB_WEBHOOK_TOKEN"
    | "PAGERDUTY_WEBHOOK_SECRET"
    | "ALERTMANAGER_WEBHOOK_TOKEN"
    | "OPSGENIE_WEBHOOK_TOKEN"
    | "INCIDENT_IO_WEBHOOK_SECRET",
): string {
  const secret = process.env[name];
  if (!secret) throw new AppError("unavailable", `This webhook is not configured: set ${name} on the server`);
  return secret;
}
