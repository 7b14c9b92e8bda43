import "server-only";
import { isDeepStrictEqual } from "node:util";
import { repositoryKey } from "@/lib/core/repository-key";
import { cache } from "react";
import { prisma } from "@/lib/core/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { LIFECYCLES, toDbServiceType, ZTagFilter, type TServiceInput, type TServicePatch } from "@/lib/catalog/schemas";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { AppError, notFound } from "@/lib/core/errors";
import { z } from "zod";
import { recordAudit } from "@/lib/core/db/audit";
import { assignChecklist } from "@/lib/readiness/server";
import { levelsOf } from "@/lib/scorecards/server";
import { mapPrismaError } from "@/lib/core/db/prisma-errors";
import { assertRepositoryFree } from "./repository-claims";

export const SERVICE_SORTS = ["name", "tier", "team", "updated", "level", "score"] as const;

export const ZServiceListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  team: z.string().trim().max(63).optional(),
  tier: z.coerce.number().int().min(1).max(3).optional(),
  lifecycle: z.enum(LIFECYCLES).optional(),
  /** "key" (has the tag) or "key:value". */
  tag: ZTagFilter.optional(),
  archived: z.enum(["include", "only"]).optional(),
  /** The service's live scorecard level (the default scorecard). */
  level: z.enum(["none", "bronze", "silver", "gold"]).optional(),
  sort: z.enum(SERVICE_SORTS).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type TServiceListQuery = z.infer<typeof ZServiceListQuery>;

const listSelect = {
  id: true,
  slug: true,
  name: true,
  tier: true,
  lifecycle: true,
  type: true,
  onCall: true,
  description: true,
  repoUrl: true,
  runbookUrl: true,
  dashboardUrl: true,
  pagerdutyServiceId: true,
  repoPaths: true,
  repoLabels: true,
  tags: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  team: { select: { slug: true, name: true } },
} as const;

function orderBy(sort: TServiceListQuery["sort"], dir: "asc" | "desc"): Prisma.ServiceOrderByWithRelationInput[] {
  switch (sort) {
    case "tier":
      return [{ tier: dir }, { name: "asc" }];
    case "team":
      return [{ team: { name: dir } }, { name: "asc" }];
    case "updated":
      return [{ updatedAt: dir }];
    default:
      return [{ name: dir }];
  }
}

/** The services with the tag (any value), or with the tag at that value (the GIN index on tags). */
async function taggedIds(tag: { key: string; value: string | null }): Promise<string[]> {
  const rows =
    tag.value === null
      ? await prisma.$queryRaw<Array<{ id: string }>>`select id from "Service" where tags ? ${tag.key}`
      : await prisma.$queryRaw<
          Array<{ id: string }>
        >`select id from "Service" where tags @> ${JSON.stringify({ [tag.key]: tag.value })}::jsonb`;
  return rows.map((r) => r.id);
}

export async function listServices(actor: Actor | null, query: TServiceListQuery) {
  authorize(actor, "read");
  const where: Prisma.ServiceWhereInput = {
    ...(query.archived === "only"
      ? { archivedAt: { not: null } }
      : query.archived === "include"
        ? {}
        : { archivedAt: null }),
    ...(query.team ? { team: { slug: query.team } } : {}),
    ...(query.tier ? { tier: query.tier } : {}),
    ...(query.lifecycle ? { lifecycle: query.lifecycle } : {}),
    ...(query.tag ? { id: { in: await taggedIds(query.tag) } } : {}),
    ...(query.q
      ? {
          OR: [
            { name: { contains: query.q, mode: "insensitive" } },
            { slug: { contains: query.q, mode: "insensitive" } },
            { description: { contains: query.q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  if (query.level || query.sort === "level" || query.sort === "score") return listByLevel(actor, where, query);
  const [total, rows] = await prisma.$transaction([
    prisma.service.count({ where }),
    prisma.service.findMany({
      where,
      orderBy: orderBy(query.sort, query.dir),
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: listSelect,
    }),
  ]);
  return { total, page: query.page, pageSize: query.pageSize, rows };
}

const RANK = { none: 0, bronze: 1, silver: 2, gold: 3 } as const;

// Levels are evaluated live (never stored), so a level filter or a sort by level or score evaluates
// every service the other filters leave, then pages through them (ties by name).
async function listByLevel(actor: Actor | null, where: Prisma.ServiceWhereInput, query: TServiceListQuery) {
  const candidates = await prisma.service.findMany({
    where,
    orderBy: orderBy(query.sort, query.dir),
    select: { id: true },
  });
  const levels = await levelsOf(
    actor,
    candidates.map((c) => c.id),
  );
  const sign = query.dir === "desc" ? -1 : 1;
  const of = (id: string) => levels.get(id) ?? { level: "none" as const, score: 0 };
  const kept = query.level ? candidates.filter((c) => of(c.id).level === query.level) : candidates;
  const sorted =
    query.sort === "level"
      ? [...kept].sort(
          (a, b) => sign * (RANK[of(a.id).level] - RANK[of(b.id).level] || of(a.id).score - of(b.id).score),
        )
      : query.sort === "score"
        ? [...kept].sort((a, b) => sign * (of(a.id).score - of(b.id).score))
        : kept;
  const ids = sorted.map((c) => c.id);
  const pageIds = ids.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const found = await prisma.service.findMany({ where: { id: { in: pageIds } }, select: listSelect });
  const byId = new Map(found.map((r) => [r.id, r]));
  return {
    total: ids.length,
    page: query.page,
    pageSize: query.pageSize,
    rows: pageIds.flatMap((id) => byId.get(id) ?? []),
  };
}

export type ServiceListRow = Awaited<ReturnType<typeof listServices>>["rows"][number];

export const getServiceBySlug = cache(async (actor: Actor | null, slug: string) => {
  authorize(actor, "read");
  return prisma.service.findUnique({
    where: { slug },
    select: {
      ...listSelect,
      teamId: true,
      errorBudgetPolicy: true,
    },
  });
});

export async function listRecentDeliveryEvents(actor: Actor | null, serviceId: string, take = 8) {
  authorize(actor, "read");
  const [deployments, incidents] = await prisma.$transaction([
    prisma.deployment.findMany({
      where: { serviceId },
      orderBy: { finishedAt: "desc" },
      take,
      select: { id: true, externalId: true, environment: true, status: true, finishedAt: true },
    }),
    prisma.incident.findMany({
      where: { serviceId },
      orderBy: { startedAt: "desc" },
      take,
      select: { id: true, externalId: true, title: true, severity: true, startedAt: true, resolvedAt: true },
    }),
  ]);
  return { deployments, incidents };
}

// ─── Writes ─────────────────────────────────────────────────────────────────

async function teamIdForSlug(tx: Prisma.TransactionClient, slug: string): Promise<string> {
  const team = await tx.team.findUnique({ where: { slug }, select: { id: true } });
  if (!team)
    throw new AppError("validation_failed", `Team "${slug}" does not exist`, [
      { path: "team", message: `no team with slug "${slug}"` },
    ]);
  return team.id;
}

export async function createService(input: TServiceInput, actor: Actor) {
  try {
    return await prisma.$transaction(async (tx) => {
      const teamId = await teamIdForSlug(tx, input.team);
      authorize(actor, "service.create", { teamId }, "create services");
      const type = toDbServiceType(input.type);
      await assertRepositoryFree(tx, repositoryKey(input.repoUrl), null, {
        paths: input.repoPaths ?? [],
        labels: input.repoLabels ?? [],
      });
      const service = await tx.service.create({
        data: {
          slug: input.slug,
          name: input.name,
          teamId,
          tier: input.tier,
          lifecycle: input.lifecycle,
          type,
          description: input.description ?? null,
          repoUrl: input.repoUrl ?? null,
          repoSlug: repositoryKey(input.repoUrl),
          repoPaths: input.repoPaths ?? [],
          repoLabels: input.repoLabels ?? [],
          runbookUrl: input.runbookUrl ?? null,
          dashboardUrl: input.dashboardUrl ?? null,
          onCall: input.onCall ?? null,
          pagerdutyServiceId: input.pagerdutyServiceId ?? null,
          tags: input.tags ?? {},
        },
        select: { id: true, slug: true },
      });
      await assignChecklist(tx, service.id, type);
      await recordAudit(tx, actor, {
        action: "service.create",
        entityType: "service",
        entityId: service.id,
        serviceId: service.id,
        data: input,
      });
      return service;
    });
  } catch (error) {
    mapPrismaError(error, `Service "${input.slug}" (or its PagerDuty service id)`);
  }
}

/** Partial update; moving a service to another team needs the right on both teams. */
export async function updateService(slug: string, patch: TServicePatch & { archived?: boolean }, actor: Actor) {
  try {
    return await prisma.$transaction(async (tx) => {
      const current = await tx.service.findUnique({ where: { slug } });
      if (!current) throw notFound(`Service "${slug}"`);
      authorize(actor, "service.update", { teamId: current.teamId }, "edit this service");
      const teamId = patch.team ? await teamIdForSlug(tx, patch.team) : current.teamId;
      if (teamId !== current.teamId) authorize(actor, "service.update", { teamId }, "move services to that team");
      if (patch.archived !== undefined) authorize(actor, "service.archive", { teamId: current.teamId });
      if (patch.repoUrl !== undefined || patch.repoPaths !== undefined || patch.repoLabels !== undefined)
        await assertRepositoryFree(
          tx,
          patch.repoUrl !== undefined ? repositoryKey(patch.repoUrl) : current.repoSlug,
          current.id,
          { paths: patch.repoPaths ?? current.repoPaths, labels: patch.repoLabels ?? current.repoLabels },
        );
      const data: Prisma.ServiceUncheckedUpdateInput = {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.team !== undefined ? { teamId } : {}),
        ...(patch.tier !== undefined ? { tier: patch.tier } : {}),
        ...(patch.lifecycle !== undefined ? { lifecycle: patch.lifecycle } : {}),
        ...(patch.type !== undefined ? { type: toDbServiceType(patch.type) } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.repoUrl !== undefined ? { repoUrl: patch.repoUrl, repoSlug: repositoryKey(patch.repoUrl) } : {}),
        ...(patch.repoPaths !== undefined ? { repoPaths: patch.repoPaths } : {}),
        ...(patch.repoLabels !== undefined ? { repoLabels: patch.repoLabels } : {}),
        ...(patch.runbookUrl !== undefined ? { runbookUrl: patch.runbookUrl } : {}),
        ...(patch.dashboardUrl !== undefined ? { dashboardUrl: patch.dashboardUrl } : {}),
        ...(patch.onCall !== undefined ? { onCall: patch.onCall } : {}),
        ...(patch.pagerdutyServiceId !== undefined ? { pagerdutyServiceId: patch.pagerdutyServiceId } : {}),
        ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
        ...(patch.archived !== undefined
          ? { archivedAt: patch.archived ? (current.archivedAt ?? new Date()) : null }
          : {}),
      };
      const changes = Object.fromEntries(
        Object.entries(data).filter(([k, v]) => {
          const before = (current as Record<string, unknown>)[k];
          if (k === "archivedAt") return Boolean(before) !== Boolean(v);
          if (k === "tags" || k === "repoPaths" || k === "repoLabels") return !isDeepStrictEqual(before, v);
          return before !== v;
        }),
      );
      if (Object.keys(changes).length === 0) return { id: current.id, slug: current.slug, changed: false };
      await tx.service.update({ where: { id: current.id }, data: changes });
      const action =
        "archivedAt" in changes ? (changes.archivedAt ? "service.archive" : "service.unarchive") : "service.update";
      await recordAudit(tx, actor, {
        action,
        entityType: "service",
        entityId: current.id,
        serviceId: current.id,
        data: JSON.parse(JSON.stringify(changes)),
      });
      return { id: current.id, slug: current.slug, changed: true };
    });
  } catch (error) {
    mapPrismaError(error, "A service with that PagerDuty service id");
  }
}

/** The service's history: every audited change, newest first. */
export async function listServiceActivity(actor: Actor | null, serviceId: string, take = 15) {
  authorize(actor, "read");
  return prisma.auditLog.findMany({
    where: { serviceId },
    orderBy: { at: "desc" },
    take,
    select: { id: true, at: true, actorLabel: true, action: true, data: true },
  });
}

/** Every active service's slug and name, for pickers. */
export async function listServiceOptions(actor: Actor | null) {
  authorize(actor, "read");
  return prisma.service.findMany({
    where: { archivedAt: null },
    orderBy: { name: "asc" },
    select: { slug: true, name: true },
  });
}
