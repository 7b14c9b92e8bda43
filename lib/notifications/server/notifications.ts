import "server-only";
import { openSecret, SecretUnreadableError } from "@/lib/core/secret-box";
import { refusedDestination } from "./destination";
import { enqueueNotification, publicUrl } from "./outbox";
import { lockWatchState, sloStatusNotification, sloWatchKey } from "./slo-alerts";
import { prisma } from "@/lib/core/db/client";
import type { PrismaClient } from "@/generated/prisma/client";
import { LEVEL_RANK, type Level } from "@/lib/scorecards/domain";
import {
  DELIVERY_RETRIES,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signNotification,
  type NotificationEvent,
  type NotificationInput,
  mrkdwn,
} from "@/lib/notifications/domain/message";
import { evaluateServices } from "@/lib/scorecards/server";
import { isoDate, DAY_MS } from "@/lib/core/calendar";

// Outgoing webhooks. Events are written to an outbox (NotificationDelivery rows) in the same
// transaction as the change that caused them, so an accepted event survives a crash; pg-boss then
// delivers each row with retries and the row keeps the delivery log.

export const WAIVER_WARNING_DAYS = 7;

// ─── Delivery ────────────────────────────────────────────────────────────────

export type DeliveryOutcome = {
  status: "delivered" | "pending" | "failed" | "skipped";
  responseCode: number | null;
  error: string | null;
};

/**
 * One delivery attempt. Throws when it should be retried (pg-boss retries with backoff); after
 * DELIVERY_RETRIES + 1 attempts the row is marked failed and kept in the log.
 */
/** How long one attempt may hold a delivery before another worker may try it. */
const LEASE_MS = 30_000;

export async function deliverNotification(deliveryId: string, db: PrismaClient = prisma): Promise<DeliveryOutcome> {
  // One attempt at a time per delivery, whoever queued it: a short lease claimed in one statement.
  // The HTTP call is made after that statement commits, never inside a transaction.
  const now = new Date();
  const claimed = await db.notificationDelivery.updateMany({
    where: { id: deliveryId, status: "pending", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
  if (claimed.count === 0) return { status: "skipped", responseCode: null, error: null };
  const delivery = await db.notificationDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    include: { webhook: { select: { url: true, secret: true, enabled: true } } },
  });
  if (!delivery.webhook.enabled) {
    await db.notificationDelivery.update({
      where: { id: delivery.id },
      data: { status: "failed", lastError: "webhook disabled", leaseUntil: null },
    });
    return { status: "failed", responseCode: null, error: "webhook disabled" };
  }
  let secret: string;
  try {
    secret = openSecret(delivery.webhook.secret);
  } catch (error) {
    if (!(error instanceof SecretUnreadableError)) throw error;
    const reason = `signing secret unreadable: ${error.message}`;
    await db.notificationDelivery.update({
      where: { id: delivery.id },
      data: { status: "failed", lastError: reason, leaseUntil: null },
    });
    return { status: "failed", responseCode: null, error: reason };
  }
  const { responseCode, error } = await post(
    delivery.webhook.url,
    secret,
    delivery.id,
    delivery.event,
    JSON.stringify(delivery.payload),
  );
  const attempts = delivery.attempts + 1;
  const status = error === null ? "delivered" : attempts > DELIVERY_RETRIES ? "failed" : "pending";
  await db.notificationDelivery.update({
    where: { id: delivery.id },
    data: {
      attempts,
      responseCode,
      lastError: error,
      status,
      deliveredAt: status === "delivered" ? new Date() : null,
      leaseUntil: null,
    },
  });
  // Thrown after the attempt is recorded, so it stays in the log while pg-boss schedules the retry.
  if (status === "pending") throw new Error(`delivery ${deliveryId} failed (${error}); will retry`);
  return { status, responseCode, error };
}

async function post(
  url: string,
  secret: string,
  id: string,
  event: string,
  body: string,
): Promise<{ responseCode: number | null; error: string | null }> {
  const refused = await refusedDestination(url);
  if (refused) return { responseCode: null, error: `refused: ${refused}` };
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Shipshape-Webhook/1",
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signNotification(secret, timestamp, body),
        "X-Shipshape-Event": event,
        "X-Shipshape-Delivery": id,
      },
      body,
      signal: AbortSignal.timeout(10_000),
      redirect: "manual",
    });
    await res.body?.cancel();
    return { responseCode: res.status, error: res.ok ? null : `HTTP ${res.status}` };
  } catch (e) {
    const err = e as Error;
    return {
      responseCode: null,
      error:
        err.name === "TimeoutError"
          ? "timed out after 10 s"
          : ((err.cause as Error | undefined)?.message ?? err.message),
    };
  }
}

/** Pending deliveries never attempted: the sweeper queues them (e.g. after a crash between commit and send). */
export async function strandedDeliveries(
  olderThanMs = 60_000,
  now = new Date(),
): Promise<{ id: string; requestId: string | null }[]> {
  const rows = await prisma.notificationDelivery.findMany({
    where: { status: "pending", attempts: 0, createdAt: { lt: new Date(now.getTime() - olderThanMs) } },
    orderBy: { createdAt: "asc" },
    take: 500,
    select: { id: true, requestId: true },
  });
  return rows;
}

// ─── Watching for changes ────────────────────────────────────────────────────

export type ScanResult = { queued: number; events: Array<{ event: NotificationEvent; key: string }> };

/**
 * Compares what is true now with what the notifier last saw, queues one notification per change and
 * remembers the new state, all in one transaction. The first sight of a service's level or an
 * SLO's status is only remembered (no flood when webhooks are first set up).
 */
export async function scanForNotifications(now = new Date(), db: PrismaClient = prisma): Promise<ScanResult> {
  const services = await db.service.findMany({ where: { archivedAt: null }, select: { id: true } });
  const [evaluated, waivers, initiatives, seen] = await Promise.all([
    evaluateServices(
      services.map((s) => s.id),
      now,
      db,
    ),
    db.waiver.findMany({
      where: {
        status: "approved",
        expiresAt: {
          lt: new Date(now.getTime() + WAIVER_WARNING_DAYS * DAY_MS),
          gt: new Date(now.getTime() - 30 * DAY_MS),
        },
      },
      select: {
        id: true,
        itemKey: true,
        expiresAt: true,
        service: { select: { slug: true, name: true, teamId: true, team: { select: { slug: true } } } },
      },
    }),
    db.initiative.findMany({
      where: { archivedAt: null, targetDate: { lt: now } },
      select: { id: true, name: true, targetDate: true, teams: { select: { teamId: true } } },
    }),
    db.watchState.findMany({ select: { key: true, value: true } }),
  ]);
  const previous = new Map(seen.map((s) => [s.key, s.value]));
  const updates = new Map<string, string>();
  let pending: Array<NotificationInput & { teamId: string | null; key: string }> = [];

  for (const s of evaluated) {
    const key = `level:${s.service.id}`;
    const before = previous.get(key) as Level | undefined;
    const level = s.result.level;
    if (before !== level) updates.set(key, level);
    if (before && LEVEL_RANK[level] < LEVEL_RANK[before]) {
      const failing = s.result.rules.filter((r) => !r.pass && LEVEL_RANK[r.level] <= LEVEL_RANK[before]);
      pending.push({
        key,
        event: "level.dropped",
        summary: mrkdwn`*${s.service.name}* dropped from ${before} to ${level}: ${
          failing
            .map((r) => r.name)
            .slice(0, 3)
            .join("; ") || "rules changed"
        }`,
        team: s.service.teamSlug,
        teamId: s.service.teamId,
        service: s.service.slug,
        url: publicUrl(`/services/${s.service.slug}/scorecard`),
        data: {
          from: before,
          to: level,
          score: s.result.score,
          failing: failing.map((r) => ({ rule: r.key, message: r.reason })),
        },
        occurredAt: now,
      });
    }
    for (const slo of s.service.slos) {
      const sloKey = sloWatchKey(slo.id);
      const was = previous.get(sloKey);
      if (was !== slo.status) updates.set(sloKey, slo.status);
      const notification = sloStatusNotification(slo, s.service, was, now);
      if (notification) pending.push(notification);
    }
  }

  for (const w of waivers) {
    const key = `waiver:${w.id}`;
    const state = w.expiresAt.getTime() <= now.getTime() ? "expired" : "expiring";
    if (previous.get(key) === state) continue;
    updates.set(key, state);
    const days = Math.ceil((w.expiresAt.getTime() - now.getTime()) / DAY_MS);
    pending.push({
      key,
      event: state === "expired" ? "waiver.expired" : "waiver.expiring",
      summary:
        state === "expired"
          ? mrkdwn`The waiver for *${w.itemKey}* on *${w.service.name}* expired; the item counts as open again`
          : mrkdwn`The waiver for *${w.itemKey}* on *${w.service.name}* expires in ${days} day${days === 1 ? "" : "s"}`,
      team: w.service.team.slug,
      teamId: w.service.teamId,
      service: w.service.slug,
      url: publicUrl(`/services/${w.service.slug}`),
      data: { waiver: w.id, item: w.itemKey, expiresAt: w.expiresAt.toISOString() },
      occurredAt: now,
    });
  }

  for (const i of initiatives) {
    const key = `initiative:${i.id}`;
    if (previous.get(key) === "overdue") continue;
    updates.set(key, "overdue");
    const teamIds = i.teams.length ? i.teams.map((t) => t.teamId) : [null];
    for (const teamId of teamIds) {
      pending.push({
        key,
        event: "initiative.overdue",
        summary: mrkdwn`Initiative *${i.name}* passed its target date (${isoDate(i.targetDate)}) with services still failing`,
        team: null,
        teamId,
        service: null,
        url: publicUrl(`/initiatives/${i.id}`),
        data: { initiative: i.id, targetDate: i.targetDate.toISOString() },
        occurredAt: now,
      });
    }
  }

  let queued = 0;
  await db.$transaction(async (tx) => {
    await lockWatchState(tx);
    // The alert check may have moved an SLO's status since this scan read it: keep its newer view.
    const sloKeys = [...updates.keys()].filter((k) => k.startsWith("slo:"));
    const moved = await tx.watchState.findMany({ where: { key: { in: sloKeys } }, select: { key: true, value: true } });
    for (const m of moved) {
      if (m.value === previous.get(m.key)) continue;
      updates.delete(m.key);
      pending = pending.filter((p) => p.key !== m.key);
    }
    for (const [key, value] of updates)
      await tx.watchState.upsert({ where: { key }, create: { key, value }, update: { value } });
    for (const p of pending) queued += (await enqueueNotification(tx, p)).length;
  });
  return { queued, events: pending.map((p) => ({ event: p.event, key: p.key })) };
}
