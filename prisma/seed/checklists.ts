// Demo readiness: checklists answered over the last months (better for improving teams), a few
// N/A items, waivers in every state, and comments on reviews. History lands in the audit log.
import type { PrismaClient } from "@/generated/prisma/client";
import { assignChecklist, itemEntityId } from "@/lib/readiness/server";
import { ensureBuiltInTemplates } from "@/lib/readiness/server";
import type { TDbServiceType } from "@/lib/catalog/schemas";
import type { Trajectory } from "./demo-catalog";
import type { Random } from "./random";

const DAY = 86_400_000;
// Per-item chance of being done: ownership items (bronze) almost always, items required for the
// service's tier (silver) often, the rest (gold) less so. A few exemplary services have everything.
const OWNERSHIP_RATE: Record<Trajectory, number> = { improving: 0.99, steady: 0.96, slipping: 0.9 };
const REQUIRED_RATE: Record<Trajectory, number> = { improving: 0.96, steady: 0.92, slipping: 0.8 };
const OPTIONAL_RATE: Record<Trajectory, number> = { improving: 0.77, steady: 0.61, slipping: 0.4 };
export const EXEMPLARY_SERVICES = new Set(["card-vault", "search-api", "indexer", "payouts", "events-ingest"]);

export type ChecklistSeedService = {
  id: string;
  slug: string;
  tier: number;
  type: TDbServiceType;
  trajectory: Trajectory;
  engineerId: string;
};

export async function seedChecklists(
  db: PrismaClient,
  rng: Random,
  services: ChecklistSeedService[],
  platformId: string,
  now: Date,
) {
  await ensureBuiltInTemplates(db);
  const states: Array<{
    serviceId: string;
    itemKey: string;
    status: "done" | "not_applicable" | "waived";
    evidenceUrl: string | null;
    note: string | null;
    naReason: string | null;
    version: number;
    updatedById: string;
    updatedAt: Date;
  }> = [];
  const audit: Array<{
    at: Date;
    actorType: string;
    actorId: string;
    actorLabel: string;
    action: string;
    entityType: string;
    entityId: string;
    serviceId: string;
    data: object;
  }> = [];
  const waivers: Array<{
    id: string;
    serviceId: string;
    itemKey: string;
    justification: string;
    expiresAt: Date;
    status: "pending" | "approved" | "rejected";
    requestedById: string;
    decidedById: string | null;
    decidedAt: Date | null;
    createdAt: Date;
  }> = [];
  const engineers = new Map(
    (await db.user.findMany({ select: { id: true, email: true } })).map((u) => [u.id, u.email]),
  );

  for (const s of services) {
    await db.$transaction((tx) => assignChecklist(tx, s.id, s.type));
    const checklist = await db.serviceChecklist.findUniqueOrThrow({
      where: { serviceId: s.id },
      select: { templateId: true },
    });
    const items = await db.checklistItem.findMany({
      where: { templateId: checklist.templateId },
      orderBy: { position: "asc" },
      select: { key: true, requiredForTiers: true, category: { select: { key: true } } },
    });
    const exemplary = EXEMPLARY_SERVICES.has(s.slug);
    // The day a service's required items were all answered, spread over the period, so readiness
    // coverage climbs through the history rather than all at once at the end.
    const requiredBy = exemplary ? rng.int(60, 150) : rng.int(5, 140);
    let waiversForService = 0;
    for (const item of items) {
      const required = item.requiredForTiers.includes(s.tier);
      const roll = rng.float();
      const doneRate = exemplary
        ? required || item.category.key === "ownership"
          ? 1
          : 0.9
        : item.category.key === "ownership"
          ? OWNERSHIP_RATE[s.trajectory]
          : required
            ? REQUIRED_RATE[s.trajectory]
            : OPTIONAL_RATE[s.trajectory];
      // Ownership items were answered first (months ago), required ones in the weeks up to `requiredBy`, the rest any time.
      const ageDays =
        item.category.key === "ownership"
          ? rng.int(110, 175)
          : required
            ? requiredBy + rng.int(0, 25)
            : rng.int(1, 170);
      const updatedAt = new Date(now.getTime() - ageDays * DAY - rng.int(0, 86_000) * 1000);
      const label = engineers.get(s.engineerId) ?? "engineer";
      if (roll < doneRate) {
        const evidence = rng.chance(0.6) ? `https://wiki.acme.example/${s.slug}/${item.key}` : null;
        states.push({
          serviceId: s.id,
          itemKey: item.key,
          status: "done",
          evidenceUrl: evidence,
          note: null,
          naReason: null,
          version: 1,
          updatedById: s.engineerId,
          updatedAt,
        });
        audit.push({
          at: updatedAt,
          actorType: "user",
          actorId: s.engineerId,
          actorLabel: label,
          action: "checklist.item.update",
          entityType: "checklist_item",
          entityId: itemEntityId(s.id, item.key),
          serviceId: s.id,
          data: { item: item.key, from: "open", to: "done", evidenceUrl: evidence },
        });
      } else if (!required && (exemplary || roll < doneRate + 0.06)) {
        const reason = "Not relevant for this service's architecture.";
        states.push({
          serviceId: s.id,
          itemKey: item.key,
          status: "not_applicable",
          evidenceUrl: null,
          note: null,
          naReason: reason,
          version: 1,
          updatedById: s.engineerId,
          updatedAt,
        });
        audit.push({
          at: updatedAt,
          actorType: "user",
          actorId: s.engineerId,
          actorLabel: label,
          action: "checklist.item.update",
          entityType: "checklist_item",
          entityId: itemEntityId(s.id, item.key),
          serviceId: s.id,
          data: { item: item.key, from: "open", to: "not_applicable", reason },
        });
      } else if (required && waiversForService < 2 && rng.chance(0.25)) {
        waiversForService++;
        const kind = rng.pick(["approved", "approved", "expiring", "expired", "pending", "rejected"] as const);
        const createdAt = new Date(now.getTime() - rng.int(5, 60) * DAY);
        const expiresAt =
          kind === "expired"
            ? new Date(now.getTime() - rng.int(1, 10) * DAY)
            : kind === "expiring"
              ? new Date(now.getTime() + rng.int(1, 6) * DAY)
              : new Date(now.getTime() + rng.int(20, 90) * DAY);
        const status = kind === "pending" ? "pending" : kind === "rejected" ? "rejected" : "approved";
        const id = rng.uuid();
        waivers.push({
          id,
          serviceId: s.id,
          itemKey: item.key,
          justification: "Scheduled for next quarter; compensating manual process in place.",
          expiresAt,
          status,
          requestedById: s.engineerId,
          decidedById: status === "pending" ? null : platformId,
          decidedAt: status === "pending" ? null : new Date(createdAt.getTime() + DAY),
          createdAt,
        });
        if (status === "approved")
          states.push({
            serviceId: s.id,
            itemKey: item.key,
            status: "waived",
            evidenceUrl: null,
            note: null,
            naReason: null,
            version: 1,
            updatedById: platformId,
            updatedAt: new Date(createdAt.getTime() + DAY),
          });
      }
    }
  }
  await db.checklistItemState.createMany({ data: states });
  await db.waiver.createMany({ data: waivers });
  await db.auditLog.createMany({ data: audit });
  return { itemStates: states.length, waivers: waivers.length };
}
