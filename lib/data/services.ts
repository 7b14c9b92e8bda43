import "server-only";
import { cache } from "react";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { LIFECYCLES } from "@/lib/schemas/catalog";
import { z } from "zod";

export const SERVICE_SORTS = ["name", "tier", "team", "updated"] as const;

export const ZServiceListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  team: z.string().trim().max(63).optional(),
  tier: z.coerce.number().int().min(1).max(3).optional(),
  lifecycle: z.enum(LIFECYCLES).optional(),
  archived: z.enum(["include", "only"]).optional(),
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
  archivedAt: true,
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

export async function listServices(query: TServiceListQuery) {
  const where: Prisma.ServiceWhereInput = {
    ...(query.archived === "only" ? { archivedAt: { not: null } } : query.archived === "include" ? {} : { archivedAt: null }),
    ...(query.team ? { team: { slug: query.team } } : {}),
    ...(query.tier ? { tier: query.tier } : {}),
    ...(query.lifecycle ? { lifecycle: query.lifecycle } : {}),
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

export type ServiceListRow = Awaited<ReturnType<typeof listServices>>["rows"][number];

export const getServiceBySlug = cache(async (slug: string) =>
  prisma.service.findUnique({
    where: { slug },
    select: {
      ...listSelect,
      description: true,
      repoUrl: true,
      runbookUrl: true,
      dashboardUrl: true,
      pagerdutyServiceId: true,
      createdAt: true,
      teamId: true,
    },
  }),
);

export async function listRecentDeliveryEvents(serviceId: string, take = 8) {
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
