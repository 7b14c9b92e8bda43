import "server-only";
import crypto from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { prisma } from "@/lib/core/db/client";
import { AppError, notFound } from "@/lib/core/errors";
import { refusedDestination } from "./destination";
import { notificationBody, type NotificationEvent } from "@/lib/notifications/domain/message";
import { recordAudit } from "@/lib/core/db/audit";
import { publicUrl } from "./outbox";
import {
  needsReseal,
  openSecret,
  sealSecret,
  secretKeys,
  SecretUnreadableError,
  type TSecretKeys,
} from "@/lib/core/secret-box";
import { logger } from "@/lib/core/logger";

// Where notifications go: webhook settings (platform users, audited) and the delivery log.

function requireManage(actor: Actor) {
  authorize(actor, "notification.manage", null, "manage notification webhooks");
}

export type TWebhookInput = { name: string; url: string; teamId: string | null; events: NotificationEvent[] };

export async function createWebhook(input: TWebhookInput, actor: Actor) {
  requireManage(actor);
  const refused = await refusedDestination(input.url);
  if (refused) throw new AppError("validation_failed", `The URL ${refused}`, [{ path: "url", message: refused }]);
  const secret = `whsec_${crypto.randomBytes(24).toString("base64url")}`;
  return prisma.$transaction(async (tx) => {
    if (input.teamId && !(await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true } })))
      throw notFound("Team");
    const hook = await tx.notificationWebhook.create({ data: { ...input, secret: sealSecret(secret) } });
    await recordAudit(tx, actor, {
      action: "notification.webhook.create",
      entityType: "notification_webhook",
      entityId: hook.id,
      data: { name: input.name, url: input.url, teamId: input.teamId, events: input.events },
    });
    // The caller gets the plain secret once; the row holds it sealed.
    return { ...hook, secret };
  });
}

export async function updateWebhook(
  id: string,
  patch: { enabled?: boolean; events?: NotificationEvent[] },
  actor: Actor,
) {
  requireManage(actor);
  return prisma.$transaction(async (tx) => {
    const before = await tx.notificationWebhook.findUnique({ where: { id }, select: { enabled: true, events: true } });
    if (!before) throw notFound("Webhook");
    await tx.notificationWebhook.update({ where: { id }, data: patch });
    await recordAudit(tx, actor, {
      action: "notification.webhook.update",
      entityType: "notification_webhook",
      entityId: id,
      data: { before, after: patch },
    });
  });
}

export async function deleteWebhook(id: string, actor: Actor) {
  requireManage(actor);
  return prisma.$transaction(async (tx) => {
    const hook = await tx.notificationWebhook.findUnique({ where: { id }, select: { name: true, url: true } });
    if (!hook) throw notFound("Webhook");
    await tx.notificationWebhook.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "notification.webhook.delete",
      entityType: "notification_webhook",
      entityId: id,
      data: hook,
    });
  });
}

/** Queues a test message to one webhook (the delivery log shows how it went). */
export async function queueTestNotification(id: string, actor: Actor): Promise<string> {
  requireManage(actor);
  const hook = await prisma.notificationWebhook.findUnique({
    where: { id },
    select: { id: true, team: { select: { slug: true } } },
  });
  if (!hook) throw notFound("Webhook");
  const payload = notificationBody({
    event: "review.decided",
    summary: "Test message from Shipshape: this webhook is set up correctly",
    team: hook.team?.slug ?? null,
    service: null,
    url: publicUrl("/settings/notifications"),
    data: { test: true },
    occurredAt: new Date(),
  });
  const row = await prisma.notificationDelivery.create({
    data: {
      webhookId: hook.id,
      event: "test",
      payload: payload as unknown as Prisma.InputJsonValue,
      status: "pending",
    },
  });
  return row.id;
}

export async function listWebhooks(actor: Actor | null) {
  authorize(actor, "notification.manage");
  const hooks = await prisma.notificationWebhook.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      url: true,
      secret: true,
      events: true,
      enabled: true,
      createdAt: true,
      team: { select: { slug: true, name: true } },
    },
  });
  return hooks.map(({ secret, ...hook }) => {
    try {
      return { ...hook, secret: openSecret(secret), secretError: null };
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      return { ...hook, secret: null, secretError: error.message };
    }
  });
}

/**
 * Seals every webhook secret that is still in plain text (written before sealing existed) or
 * sealed with SHIPSHAPE_SECRETS_KEY_PREVIOUS, with the current key. Run at start-up; idempotent,
 * and safe on several replicas at once (each row is replaced only if it is still what was read).
 */
export async function resealSecrets(
  keys: TSecretKeys = secretKeys(),
): Promise<{ resealed: number; unreadable: number }> {
  const rows = await prisma.notificationWebhook.findMany({ select: { id: true, secret: true } });
  let resealed = 0;
  let unreadable = 0;
  for (const row of rows) {
    if (!needsReseal(row.secret, keys)) continue;
    let plain: string;
    try {
      plain = openSecret(row.secret, keys);
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      unreadable += 1;
      logger.error({ webhookId: row.id, reason: error.message }, "a notification webhook secret cannot be opened");
      continue;
    }
    const { count } = await prisma.notificationWebhook.updateMany({
      where: { id: row.id, secret: row.secret },
      data: { secret: sealSecret(plain, keys) },
    });
    resealed += count;
  }
  return { resealed, unreadable };
}

export const DELIVERY_PAGE = 25;

export async function listDeliveries(actor: Actor | null, page = 1) {
  authorize(actor, "notification.manage");
  const [rows, total] = await prisma.$transaction([
    prisma.notificationDelivery.findMany({
      orderBy: { createdAt: "desc" },
      skip: (page - 1) * DELIVERY_PAGE,
      take: DELIVERY_PAGE,
      select: {
        id: true,
        event: true,
        status: true,
        attempts: true,
        responseCode: true,
        lastError: true,
        createdAt: true,
        deliveredAt: true,
        payload: true,
        webhook: { select: { name: true } },
      },
    }),
    prisma.notificationDelivery.count(),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / DELIVERY_PAGE)) };
}
