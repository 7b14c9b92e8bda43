import "server-only";
import { prisma } from "@/lib/core/db/client";
import type { AppError } from "@/lib/core/errors";
import { logger } from "@/lib/core/logger";

// Counts of the webhook deliveries that leave no WebhookDelivery row of their own: refused ones (with
// the error sent back), replays, and those acknowledged but ignored (with the reason). One row per
// source, UTC day and reason; reasons are cut to 200 characters. Counting never fails a delivery.

export type TallyKind = "rejected" | "duplicate" | "ignored";

export async function tallyWebhook(provider: string, kind: TallyKind, reason: string, n = 1): Promise<void> {
  if (n <= 0) return;
  try {
    await prisma.$executeRaw`
      insert into "WebhookTally" (provider, day, kind, reason, count, "lastAt")
      values (${provider}, (now() at time zone 'UTC')::date, ${kind}, ${reason.slice(0, 200)}, ${n}, now())
      on conflict (provider, day, kind, reason) do update set count = "WebhookTally".count + excluded.count, "lastAt" = excluded."lastAt"`;
  } catch (error) {
    logger.warn({ err: error, provider, kind }, "webhook tally not written");
  }
}

/** The route option that counts a refused delivery of `provider` (apiRoute's onRejected). */
export const rejectedBy = (provider: string) => (error: AppError) =>
  tallyWebhook(provider, "rejected", `${error.code}: ${error.message}`);
