import "server-only";
import crypto from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { currentRequestId } from "@/lib/core/request-context";
import { notificationBody, type NotificationInput } from "@/lib/notifications/domain/message";

// The outbox: events are written as NotificationDelivery rows in the same transaction as the change
// that caused them, so an accepted event survives a crash.

export function publicUrl(path: string): string {
  const base = process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  return new URL(path, base).toString();
}

/** Queues `input` for every enabled webhook of its team (or organisation-wide) subscribed to the event. */
export async function enqueueNotification(
  tx: Prisma.TransactionClient,
  input: NotificationInput & { teamId: string | null },
): Promise<string[]> {
  const hooks = await tx.notificationWebhook.findMany({
    where: {
      enabled: true,
      events: { has: input.event },
      OR: [{ teamId: null }, ...(input.teamId ? [{ teamId: input.teamId }] : [])],
    },
    select: { id: true },
  });
  if (hooks.length === 0) return [];
  const payload = notificationBody(input) as unknown as Prisma.InputJsonValue;
  const ids = hooks.map(() => crypto.randomUUID());
  await tx.notificationDelivery.createMany({
    data: hooks.map((h, i) => ({
      id: ids[i],
      webhookId: h.id,
      event: input.event,
      payload,
      status: "pending",
      requestId: currentRequestId() ?? null,
    })),
  });
  return ids;
}
