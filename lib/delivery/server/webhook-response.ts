import "server-only";
import { AppError } from "@/lib/core/errors";
import type { WebhookOutcome } from "./webhook-deliveries";

const STATUS: Record<WebhookOutcome["status"], number> = { applied: 201, duplicate: 200, unmatched: 202, ignored: 202 };

export function webhookResponse(outcome: WebhookOutcome): Response {
  return Response.json(outcome, { status: STATUS[outcome.status] });
}

export function requireSecret(name: "GITHUB_WEBHOOK_SECRET" | "PAGERDUTY_WEBHOOK_SECRET"): string {
  const secret = process.env[name];
  if (!secret) throw new AppError("unavailable", `This webhook is not configured: set ${name} on the server`);
  return secret;
}
