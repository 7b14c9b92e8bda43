import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { prisma } from "@/lib/core/db/client";
import { reader } from "@/lib/core/db/replicas";

import type { LeadershipPeriod } from "@/lib/core/period";
import { DAY_MS } from "@/lib/core/calendar";
import type { Window } from "@/lib/delivery/domain";
import {
  assumptionChanges,
  costOfDowntime,
  defaultAssumptions,
  downtimeCostAvoided,
  failureCostAvoided,
  tierKey,
  ZRoiAssumptions,
  type FailureCounts,
  type RestoredIncident,
  type RoiAssumptions,
  type TierKey,
} from "@/lib/leadership/domain/roi";
import { recordAudit } from "@/lib/core/db/audit";
import { countedDeploymentsByTier, countedFailures } from "@/lib/delivery/server";

// The ROI of readiness work: its assumptions (kept with every revision) and the organisation's
// figures the formulas in lib/leadership/domain/roi.ts read.

// ─── Assumptions, with history ───────────────────────────────────────────────

const ROI_KEY = "roi.assumptions";

export type StoredAssumptions = { values: RoiAssumptions; isDefault: boolean; updatedAt: Date | null };

export async function getRoiAssumptions(now = new Date()): Promise<StoredAssumptions> {
  const row = await prisma.setting.findUnique({ where: { key: ROI_KEY } });
  const parsed = row ? ZRoiAssumptions.safeParse(row.value) : null;
  if (row && parsed?.success) return { values: parsed.data, isDefault: false, updatedAt: row.updatedAt };
  return { values: defaultAssumptions(now), isDefault: true, updatedAt: null };
}

/** Saves new assumptions (leadership and platform), keeping the previous ones as a revision, audited. */
export async function saveRoiAssumptions(input: RoiAssumptions, actor: Actor): Promise<RoiAssumptions> {
  authorize(actor, "roi.edit", null, "edit the ROI assumptions");
  const values = ZRoiAssumptions.parse(input);
  const userId = actor.kind === "user" ? actor.id : null;
  await prisma.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: ROI_KEY } });
    const previous = before ? ZRoiAssumptions.safeParse(before.value) : null;
    const inEffect = previous?.success ? previous.data : defaultAssumptions(new Date());
    const json = values as unknown as Prisma.InputJsonValue;
    await tx.setting.upsert({
      where: { key: ROI_KEY },
      update: { value: json, updatedById: userId },
      create: { key: ROI_KEY, value: json, updatedById: userId },
    });
    await tx.settingRevision.create({ data: { key: ROI_KEY, value: json, createdById: userId } });
    await recordAudit(tx, actor, {
      action: "roi.assumptions.update",
      entityType: "setting",
      entityId: ROI_KEY,
      // Until first saved, the defaults were in effect: the first change is described against them.
      data: {
        before: inEffect as unknown as Prisma.InputJsonValue,
        after: json,
        changes: assumptionChanges(inEffect, values),
      },
    });
  });
  return values;
}

export type AssumptionRevision = { id: string; at: Date; by: string; changes: string[] };

export async function listRoiRevisions(limit = 10): Promise<AssumptionRevision[]> {
  const rows = await reader().settingRevision.findMany({
    where: { key: ROI_KEY },
    orderBy: { createdAt: "desc" },
    take: limit + 1,
  });
  const users = await reader().user.findMany({
    where: { id: { in: rows.flatMap((r) => (r.createdById ? [r.createdById] : [])) } },
    select: { id: true, name: true, email: true },
  });
  const name = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  return rows.slice(0, limit).map((r, i) => {
    const prev = rows[i + 1] ? ZRoiAssumptions.safeParse(rows[i + 1].value) : null;
    const cur = ZRoiAssumptions.safeParse(r.value);
    return {
      id: r.id,
      at: r.createdAt,
      by: r.createdById ? (name.get(r.createdById) ?? "a removed user") : "system",
      changes: cur.success
        ? assumptionChanges(prev?.success ? prev.data : rows[i + 1] ? null : defaultAssumptions(r.createdAt), cur.data)
        : ["unreadable revision"],
    };
  });
}

// ─── ROI ─────────────────────────────────────────────────────────────────────

/** Every resolved incident's time to restore (float8 text is exact), a list per tier: tens of thousands a period. */
async function restoredIncidents(w: Window): Promise<RestoredIncident[]> {
  const rows = await reader().$queryRaw<Array<{ tier: number; minutes: string }>>`
    select s.tier, string_agg((extract(epoch from (i."resolvedAt" - i."startedAt"))::float8 / 60)::text, ',') as minutes
    from "Incident" i join "Service" s on s.id = i."serviceId"
    where i."resolvedAt" is not null and i."startedAt" >= ${w.from} and i."startedAt" < ${w.to}
    group by s.tier`;
  return rows.flatMap((r) => r.minutes.split(",").map((m) => ({ tier: r.tier, restoreMinutes: Number(m) })));
}

async function deploymentsByTier(w: Window): Promise<Partial<Record<TierKey, number>>> {
  const byTier = await countedDeploymentsByTier(w);
  return Object.fromEntries([...byTier].map(([tier, n]) => [tierKey(tier), n]));
}

async function failureCounts(w: Window): Promise<FailureCounts> {
  return countedFailures(w);
}

export type RoiReport = Awaited<ReturnType<typeof computeRoi>>;

/**
 * The three ROI figures for the period against the assumptions' baseline. `known` passes the
 * period's failure counts when the caller already has them (they are an organisation-wide aggregate).
 */
export async function computeRoi(
  period: LeadershipPeriod,
  a: RoiAssumptions,
  known: { current?: FailureCounts | Promise<FailureCounts> } = {},
) {
  const baseline: Window = {
    from: new Date(`${a.baseline.from}T00:00:00Z`),
    to: new Date(new Date(`${a.baseline.to}T00:00:00Z`).getTime() + DAY_MS),
  };
  const days = (w: Window) => (w.to.getTime() - w.from.getTime()) / DAY_MS;
  const [bIncidents, cIncidents, bFail, cFail, bTier, cTier] = await Promise.all([
    restoredIncidents(baseline),
    restoredIncidents(period.window),
    failureCounts(baseline),
    known.current ?? failureCounts(period.window),
    deploymentsByTier(baseline),
    deploymentsByTier(period.window),
  ]);
  const downtime = (w: Window, fail: typeof bFail, incidents: RestoredIncident[], tiers: typeof bTier) =>
    costOfDowntime(
      {
        days: days(w),
        deployments: fail.deployments,
        failedDeployments: fail.failedDeployments,
        restoreMinutes: incidents.map((i) => i.restoreMinutes),
        deploymentsByTier: tiers,
      },
      a,
    );
  return {
    baseline: { from: a.baseline.from, to: a.baseline.to },
    downtimeAvoided: downtimeCostAvoided(bIncidents, cIncidents, a),
    failureAvoided: failureCostAvoided(bFail, cFail, a),
    costOfDowntime: {
      baseline: downtime(baseline, bFail, bIncidents, bTier),
      current: downtime(period.window, cFail, cIncidents, cTier),
    },
  };
}
