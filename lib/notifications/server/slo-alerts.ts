import "server-only";
import { prisma } from "@/lib/core/db/client";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { mrkdwn, type NotificationInput } from "@/lib/notifications/domain/message";
import type { SloEvaluation } from "@/lib/slo/domain";
import { evaluate, sloSelect } from "@/lib/slo/server";
import { enqueueNotification, publicUrl } from "./outbox";

// SLO alert state kept up with the data: every write of samples (pushed or pulled) marks its SLO, and
// this check, run every minute and after each pull, re-evaluates the marked SLOs and notifies when a
// status turns burning or exhausted. The hourly scan still catches changes that come with time alone.

type Pending = NotificationInput & { teamId: string | null; key: string };

export type SloServiceRef = { name: string; slug: string; teamSlug: string; teamId: string };

/** The WatchState key of an SLO's last seen status. */
export const sloWatchKey = (sloId: string) => `slo:${sloId}`;

/** The notification for a status change, or null when the change is not one that pages anyone. */
export function sloStatusNotification(
  slo: Pick<SloEvaluation, "id" | "name" | "windowDays" | "calendarWindow" | "status" | "remaining" | "objective">,
  service: SloServiceRef,
  was: string | undefined,
  now: Date,
): Pending | null {
  if (!was || was === slo.status || (slo.status !== "burning" && slo.status !== "exhausted")) return null;
  return {
    key: sloWatchKey(slo.id),
    event: slo.status === "burning" ? "slo.burning" : "slo.exhausted",
    summary:
      slo.status === "burning"
        ? mrkdwn`SLO *${slo.name}* of *${service.name}* started burning its error budget fast`
        : mrkdwn`SLO *${slo.name}* of *${service.name}* has exhausted its ${slo.calendarWindow === "month" ? "monthly" : `${slo.windowDays}-day`} error budget`,
    team: service.teamSlug,
    teamId: service.teamId,
    service: service.slug,
    url: publicUrl(`/services/${service.slug}/slos`),
    data: { slo: slo.name, from: was, to: slo.status, remaining: slo.remaining, objective: slo.objective },
    occurredAt: now,
  };
}

/** Serialises writers of WatchState (this check and the hourly scan), so a change notifies once. */
export async function lockWatchState(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('shipshape:watch-state'))`;
}

const BATCH = 200;

/** Re-evaluates the SLOs whose samples changed since the last check; notifies and remembers changes. */
export async function checkSloAlerts(
  now = new Date(),
  db: PrismaClient = prisma,
): Promise<{ checked: number; queued: number }> {
  const [{ started }] = await db.$queryRaw<Array<{ started: Date }>>`select now() as started`;
  const due = await db.slo.findMany({
    where: {
      samplesChangedAt: { not: null },
      OR: [{ alertsCheckedAt: null }, { alertsCheckedAt: { lt: db.slo.fields.samplesChangedAt } }],
      service: { archivedAt: null },
    },
    orderBy: { samplesChangedAt: "asc" },
    take: BATCH,
    select: {
      ...sloSelect,
      service: { select: { slug: true, name: true, teamId: true, team: { select: { slug: true } } } },
    },
  });
  if (due.length === 0) return { checked: 0, queued: 0 };
  const evaluated = await Promise.all(due.map(async (slo) => ({ slo, e: await evaluate(SYSTEM_ACTOR, slo, now) })));
  let queued = 0;
  await db.$transaction(async (tx) => {
    await lockWatchState(tx);
    const seen = await tx.watchState.findMany({
      where: { key: { in: due.map((s) => sloWatchKey(s.id)) } },
      select: { key: true, value: true },
    });
    const previous = new Map(seen.map((s) => [s.key, s.value]));
    for (const { slo, e } of evaluated) {
      const key = sloWatchKey(slo.id);
      const was = previous.get(key);
      if (was === e.status) continue;
      await tx.watchState.upsert({ where: { key }, create: { key, value: e.status }, update: { value: e.status } });
      const service = { ...slo.service, teamSlug: slo.service.team.slug };
      const pending = sloStatusNotification(e, service, was, now);
      if (pending) queued += (await enqueueNotification(tx, pending)).length;
    }
    await tx.slo.updateMany({ where: { id: { in: due.map((s) => s.id) } }, data: { alertsCheckedAt: started } });
  });
  return { checked: due.length, queued };
}
