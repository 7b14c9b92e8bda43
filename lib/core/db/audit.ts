import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { actorLabel, type Actor } from "@/lib/core/auth/permissions";

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  serviceId?: string | null;
  data?: Prisma.InputJsonValue;
};

/** Appends to the audit log inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(tx: Prisma.TransactionClient, actor: Actor, entry: AuditEntry) {
  await tx.auditLog.create({
    data: {
      actorType: actor.kind,
      actorId: actor.kind === "system" ? null : actor.id,
      actorLabel: actorLabel(actor),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      serviceId: entry.serviceId ?? null,
      data: entry.data,
    },
  });
}
