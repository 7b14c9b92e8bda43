// Shipshape's own readiness review (deploy/readiness/shipshape.yaml), loaded into the demo as the
// service "shipshape" of an existing demo team, so the product shows its own readiness.
import type { PrismaClient } from "@/generated/prisma/client";
import { toDbServiceType } from "@/lib/catalog/schemas";
import { assignChecklist, itemEntityId } from "@/lib/readiness/server";
import { DOGFOOD_FILE, readDogfood } from "./dogfood-file";

export async function loadDogfood(db: PrismaClient, authorId: string, now: Date): Promise<{ items: number }> {
  const doc = readDogfood();
  const s = doc.service;
  const link = (p: string) => `${s.repository}/blob/main/${p}`;
  const team = await db.team.findUniqueOrThrow({ where: { slug: s.team }, select: { id: true } });
  const service = await db.service.create({
    data: {
      slug: s.slug,
      name: s.name,
      description: s.description,
      tier: s.tier,
      lifecycle: s.lifecycle,
      type: toDbServiceType(s.type),
      teamId: team.id,
      repoUrl: s.repository,
      runbookUrl: link(s.runbook),
      dashboardUrl: link(s.dashboard),
    },
  });
  await db.$transaction((tx) => assignChecklist(tx, service.id, service.type));
  const checklist = await db.serviceChecklist.findUniqueOrThrow({
    where: { serviceId: service.id },
    select: { template: { select: { key: true, items: { select: { key: true } } } } },
  });
  if (checklist.template.key !== doc.template)
    throw new Error(`${DOGFOOD_FILE}: answers ${doc.template}, but the service is assigned ${checklist.template.key}`);
  const known = new Set(checklist.template.items.map((i) => i.key));
  const unknown = Object.keys(doc.items).filter((k) => !known.has(k));
  if (unknown.length) throw new Error(`${DOGFOOD_FILE}: no such items in ${doc.template}: ${unknown.join(", ")}`);
  const states = Object.entries(doc.items).map(([itemKey, a]) => ({
    serviceId: service.id,
    itemKey,
    status: a.status,
    evidenceUrl: a.status === "done" ? link(a.evidence) : null,
    note: a.status === "not_applicable" ? null : (a.note ?? null),
    naReason: a.status === "not_applicable" ? a.reason : null,
    updatedById: authorId,
    updatedAt: now,
  }));
  await db.checklistItemState.createMany({ data: states });
  await db.auditLog.createMany({
    data: states
      .filter((st) => st.status !== "open")
      .map((st) => ({
        at: now,
        actorType: "user",
        actorId: authorId,
        actorLabel: "platform",
        action: "checklist.item.update",
        entityType: "checklist_item",
        entityId: itemEntityId(service.id, st.itemKey),
        serviceId: service.id,
        data: { item: st.itemKey, from: "open", to: st.status, evidenceUrl: st.evidenceUrl },
      })),
  });
  return { items: states.length };
}
