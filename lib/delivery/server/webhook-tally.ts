import "server-only";
import { prisma } from "@/lib/core/db/client";
import type { AppError } from "@/lib/core/errors";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
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

export type WebhookProblem = { kind: "rejected" | "ignored"; reason: string; count: number; lastAt: Date };
export type WebhookActivity = {
  provider: string;
  /** accepted, unmatched (kept deliveries), and ignored, duplicate, rejected (tallied), over 30 days. */
  counts: Record<string, number>;
  lastAt: Date | null;
  /** The latest reasons for refusing or ignoring a delivery, newest first. */
  problems: WebhookProblem[];
};

/** Per source, the last 30 days of deliveries by result, and what went wrong lately. */
export async function webhookActivity(actor: Actor | null, now = new Date()): Promise<WebhookActivity[]> {
  authorize(actor, "event.map");
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const [kept, tallied, recent] = await Promise.all([
    prisma.webhookDelivery.groupBy({
      by: ["provider", "outcome"],
      where: { receivedAt: { gte: since }, outcome: { in: ["applied", "unmatched"] } },
      _count: { _all: true },
      _max: { receivedAt: true },
    }),
    prisma.webhookTally.groupBy({
      by: ["provider", "kind"],
      where: { day: { gte: since } },
      _sum: { count: true },
      _max: { lastAt: true },
    }),
    prisma.webhookTally.findMany({
      where: { day: { gte: since }, kind: { in: ["rejected", "ignored"] }, reason: { not: "" } },
      orderBy: { lastAt: "desc" },
      take: 200,
    }),
  ]);
  const byProvider = new Map<string, WebhookActivity>();
  const entry = (provider: string) => {
    const a = byProvider.get(provider) ?? { provider, counts: {}, lastAt: null, problems: [] };
    byProvider.set(provider, a);
    return a;
  };
  const seen = (a: WebhookActivity, last: Date | null) => {
    if (last && (!a.lastAt || last > a.lastAt)) a.lastAt = last;
  };
  for (const r of kept) {
    const a = entry(r.provider);
    a.counts[r.outcome === "applied" ? "accepted" : r.outcome] = r._count._all;
    seen(a, r._max.receivedAt);
  }
  for (const r of tallied) {
    const a = entry(r.provider);
    a.counts[r.kind] = (a.counts[r.kind] ?? 0) + (r._sum.count ?? 0);
    seen(a, r._max.lastAt);
  }
  for (const r of recent) {
    const a = entry(r.provider);
    const same = a.problems.find((p) => p.kind === r.kind && p.reason === r.reason);
    if (same) same.count += r.count;
    else if (a.problems.length < 3)
      a.problems.push({ kind: r.kind as WebhookProblem["kind"], reason: r.reason, count: r.count, lastAt: r.lastAt });
  }
  return [...byProvider.values()];
}
