import "server-only";
// The organisation audit log (Settings → Audit log): every recorded change and security event,
// filtered and paged, with people's names and a sentence for each entry (../domain/audit-describe.ts).
import type { Prisma } from "@/generated/prisma/client";
import { authorize, type Actor } from "@/lib/core/auth/permissions";
import { prisma } from "@/lib/core/db/client";
import { DAY_MS } from "@/lib/core/calendar";
import { AUDIT_KIND_PREFIXES, describeAudit, kindOf, type AuditKind } from "@/lib/access/domain/audit-describe";
import type { TAuditQuery } from "@/lib/access/schemas";

export const AUDIT_PAGE_SIZE = 50;

export type AuditRow = {
  id: string;
  at: Date;
  kind: AuditKind | null;
  action: string;
  /** A person's name (their email as `actorDetail`), a token's name, or "Shipshape". */
  actor: string;
  actorDetail: string | null;
  service: { slug: string; name: string; team: string } | null;
  description: string;
};

async function whereOf(q: Omit<TAuditQuery, "page">): Promise<Prisma.AuditLogWhereInput | null> {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (q.kind) and.push({ OR: AUDIT_KIND_PREFIXES[q.kind].map((p) => ({ action: { startsWith: p } })) });
  if (q.from) and.push({ at: { gte: new Date(`${q.from}T00:00:00Z`) } });
  if (q.to) and.push({ at: { lt: new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY_MS) } });
  if (q.service || q.team) {
    const services = await prisma.service.findMany({
      where: { ...(q.service ? { slug: q.service } : {}), ...(q.team ? { team: { slug: q.team } } : {}) },
      select: { id: true },
    });
    if (services.length === 0) return null;
    and.push({ serviceId: { in: services.map((s) => s.id) } });
  }
  if (q.actor) {
    // By name or email: users who match, and entries whose label matches (tokens, emails).
    const users = await prisma.user.findMany({
      where: {
        OR: [
          { name: { contains: q.actor, mode: "insensitive" } },
          { email: { contains: q.actor, mode: "insensitive" } },
        ],
      },
      select: { id: true },
      take: 200,
    });
    const ids = users.map((u) => u.id);
    and.push({
      OR: [
        { actorLabel: { contains: q.actor, mode: "insensitive" } },
        ...(ids.length
          ? [{ actorId: { in: ids } }, { actorType: "system", entityType: "user", entityId: { in: ids } }]
          : []),
      ],
    });
  }
  return and.length ? { AND: and } : {};
}

/** Newest first, a page at a time (`limit` for the CSV export). */
export async function listAuditLog(
  actor: Actor | null,
  q: TAuditQuery,
  limit = AUDIT_PAGE_SIZE,
): Promise<{ rows: AuditRow[]; total: number; page: number; pageSize: number }> {
  authorize(actor, "audit.read");
  const where = await whereOf(q);
  if (where === null) return { rows: [], total: 0, page: 1, pageSize: limit };
  const [total, entries] = await Promise.all([
    prisma.auditLog.count({ where }),
    prisma.auditLog.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (q.page - 1) * limit,
      take: limit,
    }),
  ]);
  // Names instead of emails and ids: the people who acted, the people security events are about.
  const userIds = new Set<string>();
  for (const e of entries) {
    if (e.actorType === "user" && e.actorId) userIds.add(e.actorId);
    if (e.entityType === "user") userIds.add(e.entityId);
  }
  const serviceIds = [...new Set(entries.flatMap((e) => (e.serviceId ? [e.serviceId] : [])))];
  const [users, services] = await Promise.all([
    prisma.user.findMany({
      where: { id: { in: [...userIds].filter((id) => /^[0-9a-f-]{36}$/i.test(id)) } },
      select: { id: true, name: true, email: true },
    }),
    prisma.service.findMany({
      where: { id: { in: serviceIds } },
      select: { id: true, slug: true, name: true, team: { select: { name: true } } },
    }),
  ]);
  const person = new Map(users.map((u) => [u.id, u]));
  const serviceOf = new Map(services.map((s) => [s.id, s]));
  const rows = entries.map((e): AuditRow => {
    const acting = e.actorType === "user" && e.actorId ? person.get(e.actorId) : undefined;
    const subject = e.entityType === "user" ? person.get(e.entityId) : undefined;
    const svc = e.serviceId ? serviceOf.get(e.serviceId) : undefined;
    // Sign-ins are recorded by the system about a user: that user is who acted.
    const security = e.actorType === "system" && e.action.startsWith("auth.") && subject;
    return {
      id: e.id,
      at: e.at,
      kind: kindOf(e.action),
      action: e.action,
      actor: acting
        ? (acting.name ?? acting.email)
        : security
          ? (subject.name ?? subject.email)
          : e.actorType === "token"
            ? `API token ${e.actorLabel.replace(/^token:/, "")}`
            : e.actorType === "system"
              ? "Shipshape"
              : e.actorLabel,
      actorDetail: acting?.email ?? (security ? subject.email : null),
      service: svc ? { slug: svc.slug, name: svc.name, team: svc.team.name } : null,
      description: describeAudit(
        e.action,
        e.data,
        subject && !security ? (subject.name ?? subject.email) : security ? null : undefined,
      ),
    };
  });
  return { rows, total, page: q.page, pageSize: limit };
}
