import "server-only";
import { prisma } from "@/lib/core/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { DEFAULT_TEMPLATE_BY_TYPE, planUpgrade } from "@/lib/readiness/domain/template";
import { checklistProgress, orderItems, type ItemStatus, type WaiverWindow } from "@/lib/readiness/domain/checklist";
import { fromDbServiceType, type TDbServiceType } from "@/lib/catalog/schemas";
import { AppError, conflict, notFound } from "@/lib/core/errors";
import { recordAudit } from "@/lib/core/db/audit";
import { documentFromRow, templateInclude } from "./templates";

/** Gives a service the latest version of the default template for its type. */
export async function assignChecklist(
  tx: Prisma.TransactionClient,
  serviceId: string,
  type: TDbServiceType,
): Promise<void> {
  const key = DEFAULT_TEMPLATE_BY_TYPE[fromDbServiceType(type)];
  const template = await tx.checklistTemplate.findFirst({
    where: { key },
    orderBy: { version: "desc" },
    select: { id: true },
  });
  if (!template) return; // no templates imported yet: the checklist is assigned on first view
  // Idempotent under concurrency: two first uses at once both succeed, and one row is kept.
  await tx.serviceChecklist.createMany({ data: [{ serviceId, templateId: template.id }], skipDuplicates: true });
}

export const itemEntityId = (serviceId: string, itemKey: string) => `${serviceId}:${itemKey}`;

/** Everything the checklist view needs, with progress computed at `now`. */
export async function getServiceChecklist(actor: Actor | null, serviceId: string, now = new Date()) {
  authorize(actor, "read");
  let checklist = await prisma.serviceChecklist.findUnique({
    where: { serviceId },
    select: { templateId: true, upgradedAt: true },
  });
  const service = await prisma.service.findUniqueOrThrow({
    where: { id: serviceId },
    select: { tier: true, type: true },
  });
  if (!checklist) {
    await prisma.$transaction((tx) => assignChecklist(tx, serviceId, service.type));
    checklist = await prisma.serviceChecklist.findUnique({
      where: { serviceId },
      select: { templateId: true, upgradedAt: true },
    });
    if (!checklist) return null;
  }
  const [template, states, waivers] = await Promise.all([
    prisma.checklistTemplate.findUniqueOrThrow({ where: { id: checklist.templateId }, include: templateInclude }),
    prisma.checklistItemState.findMany({
      where: { serviceId },
      select: {
        itemKey: true,
        status: true,
        version: true,
        evidenceUrl: true,
        note: true,
        naReason: true,
        updatedAt: true,
        updatedById: true,
      },
    }),
    prisma.waiver.findMany({
      where: { serviceId },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        itemKey: true,
        status: true,
        justification: true,
        expiresAt: true,
        createdAt: true,
        requestedById: true,
        decidedAt: true,
        decisionNote: true,
      },
    }),
  ]);
  const latest = await prisma.checklistTemplate.findFirst({
    where: { key: template.key },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  const userIds = [
    ...new Set(
      [...states.map((s) => s.updatedById), ...waivers.map((w) => w.requestedById)].filter((x): x is string =>
        Boolean(x),
      ),
    ),
  ];
  const users = new Map(
    (await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })).map(
      (u) => [u.id, u.name ?? u.email],
    ),
  );
  const items = template.items.map((i) => ({ ...i, categoryKey: i.category.key }));
  const windows: WaiverWindow[] = waivers.map((w) => ({
    itemKey: w.itemKey,
    status: w.status,
    expiresAt: w.expiresAt,
  }));
  const progress = checklistProgress(items, states, windows, service.tier, now);
  const stateByKey = new Map(states.map((s) => [s.itemKey, s]));
  return {
    template: {
      id: template.id,
      key: template.key,
      name: template.name,
      version: template.version,
      latestVersion: latest?.version ?? template.version,
    },
    tier: service.tier,
    progress,
    categories: template.categories.map((c) => ({
      ...c,
      items: orderItems(
        items.filter((i) => i.categoryKey === c.key),
        service.tier,
      ).map((i) => {
        const state = stateByKey.get(i.key);
        return {
          key: i.key,
          title: i.title,
          guidance: i.guidance,
          weight: i.weight,
          requiredForTiers: i.requiredForTiers,
          required: i.requiredForTiers.includes(service.tier),
          status: progress.statuses[i.key].status,
          storedStatus: (state?.status ?? "open") as ItemStatus,
          waiverExpired: progress.statuses[i.key].waiverExpired,
          waivedUntil: progress.statuses[i.key].waivedUntil,
          version: state?.version ?? 0,
          evidenceUrl: state?.evidenceUrl ?? null,
          note: state?.note ?? null,
          naReason: state?.naReason ?? null,
          updatedAt: state?.updatedAt ?? null,
          updatedBy: state?.updatedById ? (users.get(state.updatedById) ?? null) : null,
          pendingWaiver: waivers.find((w) => w.itemKey === i.key && w.status === "pending") ?? null,
        };
      }),
    })),
    waivers: waivers.map((w) => ({ ...w, requestedBy: users.get(w.requestedById) ?? "unknown" })),
  };
}

export type ServiceChecklist = NonNullable<Awaited<ReturnType<typeof getServiceChecklist>>>;

export type TItemUpdate = {
  serviceSlug: string;
  itemKey: string;
  status: "open" | "done" | "not_applicable";
  /** The version the client saw (0 when the item had never been answered). */
  version: number;
  evidenceUrl?: string | null;
  note?: string | null;
  reason?: string | null;
};

export async function loadServiceForChange(
  slug: string,
  actor: Actor,
  action: "checklist.update" | "waiver.request" | "review.request",
) {
  const service = await prisma.service.findUnique({
    where: { slug },
    select: { id: true, teamId: true, tier: true, archivedAt: true, name: true },
  });
  if (!service) throw notFound(`Service "${slug}"`);
  authorize(actor, action, { teamId: service.teamId });
  if (service.archivedAt) throw conflict(`Service "${slug}" is archived; unarchive it to change its readiness`);
  return service;
}

export async function checklistItem(serviceId: string, itemKey: string) {
  let checklist = await prisma.serviceChecklist.findUnique({ where: { serviceId }, select: { templateId: true } });
  if (!checklist) {
    // A service made before any template existed gets its checklist on first use, as on first view.
    const { type } = await prisma.service.findUniqueOrThrow({ where: { id: serviceId }, select: { type: true } });
    await prisma.$transaction((tx) => assignChecklist(tx, serviceId, type));
    checklist = await prisma.serviceChecklist.findUnique({ where: { serviceId }, select: { templateId: true } });
  }
  const item = checklist
    ? await prisma.checklistItem.findUnique({
        where: { templateId_key: { templateId: checklist.templateId, key: itemKey } },
        select: { key: true, title: true, requiredForTiers: true },
      })
    : null;
  if (!item) throw notFound(`Checklist item "${itemKey}"`);
  return item;
}

async function describeConflict(serviceId: string, itemKey: string): Promise<AppError> {
  const current = await prisma.checklistItemState.findUnique({
    where: { serviceId_itemKey: { serviceId, itemKey } },
    select: { updatedById: true, updatedAt: true, version: true },
  });
  const who = current?.updatedById
    ? await prisma.user.findUnique({ where: { id: current.updatedById }, select: { name: true, email: true } })
    : null;
  const name = who ? (who.name ?? who.email) : "someone else";
  const when = current ? ` at ${current.updatedAt.toISOString().slice(11, 16)} UTC` : "";
  return new AppError(
    "conflict",
    `This item was changed by ${name}${when}; reload to see the latest version before changing it`,
  );
}

/** Ticks, unticks or marks an item N/A, with optimistic concurrency on the item's version. */
export async function updateChecklistItem(input: TItemUpdate, actor: Actor) {
  const service = await loadServiceForChange(input.serviceSlug, actor, "checklist.update");
  const item = await checklistItem(service.id, input.itemKey);
  if (input.status === "not_applicable") {
    if (item.requiredForTiers.includes(service.tier)) {
      throw new AppError(
        "validation_failed",
        `"${item.title}" is required for tier ${service.tier}; request a waiver instead`,
        [{ path: "status", message: `is required for tier ${service.tier}: cannot be not applicable` }],
      );
    }
    if (!input.reason?.trim())
      throw new AppError("validation_failed", "Say why the item does not apply", [
        { path: "reason", message: "is required when not applicable" },
      ]);
  }
  // A change never destroys what a user entered: a field that is not sent keeps its value, so
  // reopening an item keeps its evidence and note, and ticking it again brings them back. Only an
  // explicit null (an emptied field) clears one.
  const data = {
    status: input.status,
    ...(input.evidenceUrl !== undefined ? { evidenceUrl: input.evidenceUrl } : {}),
    ...(input.note !== undefined ? { note: input.note } : {}),
    ...(input.reason !== undefined ? { naReason: input.reason } : {}),
    updatedById: actor.kind === "user" ? actor.id : null,
    updatedAt: new Date(),
  };
  const updated = await prisma.$transaction(async (tx) => {
    let changed: number;
    let before: string = "open";
    if (input.version === 0) {
      changed = (
        await tx.checklistItemState.createMany({
          data: [{ serviceId: service.id, itemKey: input.itemKey, ...data, version: 1 }],
          skipDuplicates: true,
        })
      ).count;
    } else {
      const previous = await tx.checklistItemState.findUnique({
        where: { serviceId_itemKey: { serviceId: service.id, itemKey: input.itemKey } },
        select: { status: true },
      });
      before = previous?.status ?? "open";
      changed = (
        await tx.checklistItemState.updateMany({
          where: { serviceId: service.id, itemKey: input.itemKey, version: input.version },
          data: { ...data, version: { increment: 1 } },
        })
      ).count;
    }
    if (changed === 0) return null;
    const after = await tx.checklistItemState.findUniqueOrThrow({
      where: { serviceId_itemKey: { serviceId: service.id, itemKey: input.itemKey } },
    });
    await recordAudit(tx, actor, {
      action: "checklist.item.update",
      entityType: "checklist_item",
      entityId: itemEntityId(service.id, input.itemKey),
      serviceId: service.id,
      data: {
        item: input.itemKey,
        from: before,
        to: input.status,
        evidenceUrl: after.evidenceUrl,
        note: after.note,
        reason: after.naReason,
      },
    });
    return after;
  });
  if (!updated) throw await describeConflict(service.id, input.itemKey);
  return updated;
}

/** Moves a service's checklist to the latest template version; answers stay with their item keys. */
export async function upgradeChecklist(serviceSlug: string, actor: Actor) {
  const service = await loadServiceForChange(serviceSlug, actor, "checklist.update");
  return prisma.$transaction(async (tx) => {
    const current = await tx.serviceChecklist.findUnique({
      where: { serviceId: service.id },
      include: { template: { include: templateInclude } },
    });
    if (!current) throw notFound("Checklist");
    const latest = await tx.checklistTemplate.findFirst({
      where: { key: current.template.key },
      orderBy: { version: "desc" },
      include: templateInclude,
    });
    if (!latest || latest.id === current.templateId)
      return { upgraded: false, version: current.template.version, plan: null };
    const plan = planUpgrade(documentFromRow(current.template), documentFromRow(latest));
    await tx.serviceChecklist.update({
      where: { serviceId: service.id },
      data: { templateId: latest.id, upgradedAt: new Date() },
    });
    await recordAudit(tx, actor, {
      action: "checklist.upgrade",
      entityType: "service",
      entityId: service.id,
      serviceId: service.id,
      data: { from: current.template.version, to: latest.version, added: plan.added, removed: plan.removed },
    });
    return { upgraded: true, version: latest.version, plan };
  });
}

export async function listItemHistory(serviceId: string, itemKey: string) {
  return prisma.auditLog.findMany({
    where: {
      entityType: { in: ["checklist_item", "waiver"] },
      OR: [
        { entityId: itemEntityId(serviceId, itemKey) },
        { entityId: { startsWith: `${itemEntityId(serviceId, itemKey)}:` } },
      ],
    },
    orderBy: { at: "desc" },
    take: 50,
    select: { id: true, at: true, actorLabel: true, action: true, data: true },
  });
}
