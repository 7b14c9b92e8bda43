import "server-only";
import { prisma } from "@/lib/core/db/client";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { AppError, conflict, forbidden, notFound } from "@/lib/core/errors";
import { recordAudit } from "@/lib/core/db/audit";
import { checklistItem, itemEntityId, loadServiceForChange } from "./checklists";
import { DAY_MS } from "@/lib/core/calendar";

const MAX_WAIVER_DAYS = 366;

export type TWaiverRequest = { serviceSlug: string; itemKey: string; justification: string; expiresAt: Date };

export async function requestWaiver(input: TWaiverRequest, actor: Actor, now = new Date()) {
  const service = await loadServiceForChange(input.serviceSlug, actor, "waiver.request");
  if (actor.kind !== "user") throw forbidden("Waivers are requested by people, not API tokens");
  const item = await checklistItem(service.id, input.itemKey);
  if (input.expiresAt.getTime() <= now.getTime()) {
    throw new AppError("validation_failed", "The expiry must be in the future", [
      { path: "expiresAt", message: "must be in the future" },
    ]);
  }
  if (input.expiresAt.getTime() > now.getTime() + MAX_WAIVER_DAYS * DAY_MS) {
    throw new AppError("validation_failed", "Waivers last at most a year", [
      { path: "expiresAt", message: "must be within a year" },
    ]);
  }
  return prisma.$transaction(async (tx) => {
    const pending = await tx.waiver.findFirst({
      where: { serviceId: service.id, itemKey: item.key, status: "pending" },
      select: { id: true },
    });
    if (pending) throw conflict(`A waiver for "${item.title}" is already waiting for a decision`);
    const waiver = await tx.waiver.create({
      data: {
        serviceId: service.id,
        itemKey: item.key,
        justification: input.justification,
        expiresAt: input.expiresAt,
        requestedById: actor.id,
      },
    });
    await recordAudit(tx, actor, {
      action: "waiver.request",
      entityType: "waiver",
      entityId: `${itemEntityId(service.id, item.key)}:${waiver.id}`,
      serviceId: service.id,
      data: { item: item.key, justification: input.justification, expiresAt: input.expiresAt.toISOString() },
    });
    return waiver;
  });
}

export type TWaiverDecision = { waiverId: string; decision: "approve" | "reject"; note?: string | null };

/** Platform decision. Approving marks the item waived (bumping its version) until the expiry. */
export async function decideWaiver(input: TWaiverDecision, actor: Actor, now = new Date()) {
  authorize(actor, "waiver.decide", null, "approve or reject waivers");
  return prisma.$transaction(async (tx) => {
    const waiver = await tx.waiver.findUnique({
      where: { id: input.waiverId },
      include: { service: { select: { id: true, archivedAt: true } } },
    });
    if (!waiver) throw notFound("Waiver");
    if (waiver.status !== "pending") throw conflict(`This waiver was already ${waiver.status}`);
    if (input.decision === "approve" && waiver.expiresAt.getTime() <= now.getTime())
      throw conflict("This waiver's expiry has passed; ask for a new one");
    const status = input.decision === "approve" ? "approved" : "rejected";
    const claimed = await tx.waiver.updateMany({
      where: { id: waiver.id, status: "pending" },
      data: {
        status,
        decidedById: actor.kind === "user" ? actor.id : null,
        decidedAt: now,
        decisionNote: input.note ?? null,
      },
    });
    if (claimed.count === 0) throw conflict("This waiver was decided by someone else a moment ago");
    if (status === "approved") {
      await tx.checklistItemState.upsert({
        where: { serviceId_itemKey: { serviceId: waiver.serviceId, itemKey: waiver.itemKey } },
        create: {
          serviceId: waiver.serviceId,
          itemKey: waiver.itemKey,
          status: "waived",
          version: 1,
          updatedById: actor.kind === "user" ? actor.id : null,
          updatedAt: now,
        },
        update: {
          status: "waived",
          version: { increment: 1 },
          updatedById: actor.kind === "user" ? actor.id : null,
          updatedAt: now,
        },
      });
    }
    await recordAudit(tx, actor, {
      action: `waiver.${status === "approved" ? "approve" : "reject"}`,
      entityType: "waiver",
      entityId: `${itemEntityId(waiver.serviceId, waiver.itemKey)}:${waiver.id}`,
      serviceId: waiver.serviceId,
      data: { item: waiver.itemKey, note: input.note ?? null, expiresAt: waiver.expiresAt.toISOString() },
    });
    return { ...waiver, status };
  });
}

export type WaiverFilter = "pending" | "active" | "expired" | "rejected" | "all";

export async function listWaivers(actor: Actor | null, filter: WaiverFilter = "all", now = new Date()) {
  authorize(actor, "read");
  const where =
    filter === "pending"
      ? { status: "pending" as const }
      : filter === "active"
        ? { status: "approved" as const, expiresAt: { gt: now } }
        : filter === "expired"
          ? { status: "approved" as const, expiresAt: { lte: now } }
          : filter === "rejected"
            ? { status: "rejected" as const }
            : {};
  const waivers = await prisma.waiver.findMany({
    where,
    orderBy: [{ status: "asc" }, { expiresAt: "asc" }],
    take: 500,
    select: {
      id: true,
      itemKey: true,
      status: true,
      justification: true,
      expiresAt: true,
      createdAt: true,
      decidedAt: true,
      decisionNote: true,
      requestedById: true,
      service: {
        select: {
          slug: true,
          name: true,
          tier: true,
          team: { select: { name: true, slug: true } },
          checklist: { select: { templateId: true } },
        },
      },
    },
  });
  const titles = new Map(
    (
      await prisma.checklistItem.findMany({
        where: {
          templateId: {
            in: [
              ...new Set(waivers.map((w) => w.service.checklist?.templateId).filter((x): x is string => Boolean(x))),
            ],
          },
        },
        select: { templateId: true, key: true, title: true },
      })
    ).map((i) => [`${i.templateId}:${i.key}`, i.title]),
  );
  const users = new Map(
    (
      await prisma.user.findMany({
        where: { id: { in: [...new Set(waivers.map((w) => w.requestedById))] } },
        select: { id: true, name: true, email: true },
      })
    ).map((u) => [u.id, u.name ?? u.email]),
  );
  return waivers.map((w) => ({
    ...w,
    itemTitle: titles.get(`${w.service.checklist?.templateId}:${w.itemKey}`) ?? w.itemKey,
    requestedBy: users.get(w.requestedById) ?? "API token",
    expired: w.status === "approved" && w.expiresAt.getTime() <= now.getTime(),
  }));
}
