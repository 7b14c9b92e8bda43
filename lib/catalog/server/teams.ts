import "server-only";
import { cache } from "react";
import { prisma } from "@/lib/core/db/client";
import type { TTeamInput } from "@/lib/catalog/schemas";
import { recordAudit } from "@/lib/core/db/audit";
import { mapPrismaError } from "@/lib/core/db/prisma-errors";
import { authorize, type Actor } from "@/lib/core/auth/permissions";

const teamSelect = { id: true, slug: true, name: true, description: true, createdAt: true } as const;

export type TeamSummary = {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  createdAt: Date;
  services: number;
  members: number;
};

export async function listTeams(actor: Actor | null): Promise<TeamSummary[]> {
  authorize(actor, "read");
  const teams = await prisma.team.findMany({
    orderBy: { name: "asc" },
    select: {
      ...teamSelect,
      _count: { select: { services: { where: { archivedAt: null } }, memberships: true } },
    },
  });
  return teams.map(({ _count, ...t }) => ({ ...t, services: _count.services, members: _count.memberships }));
}

export const getTeamBySlug = cache(async (actor: Actor | null, slug: string) => {
  authorize(actor, "read");
  return prisma.team.findUnique({ where: { slug }, select: teamSelect });
});

export async function createTeam(input: TTeamInput, actor: Actor) {
  authorize(actor, "team.create");
  try {
    return await prisma.$transaction(async (tx) => {
      const team = await tx.team.create({
        data: { slug: input.slug, name: input.name, description: input.description ?? null },
        select: teamSelect,
      });
      await recordAudit(tx, actor, { action: "team.create", entityType: "team", entityId: team.id, data: input });
      return team;
    });
  } catch (error) {
    mapPrismaError(error, `Team "${input.slug}"`);
  }
}

export async function listTeamSlugsByIds(actor: Actor | null, ids: string[]): Promise<string[]> {
  authorize(actor, "read");
  if (ids.length === 0) return [];
  const teams = await prisma.team.findMany({
    where: { id: { in: ids } },
    select: { slug: true },
    orderBy: { slug: "asc" },
  });
  return teams.map((t) => t.slug);
}

export async function getTeamDetail(actor: Actor | null, slug: string) {
  authorize(actor, "read");
  return prisma.team.findUnique({
    where: { slug },
    select: {
      ...teamSelect,
      memberships: {
        orderBy: { user: { email: "asc" } },
        select: { user: { select: { id: true, email: true, name: true, role: true, disabled: true } } },
      },
    },
  });
}

/** Every team as a pick-list option, by name. */
export async function listTeamOptions(actor: Actor | null) {
  authorize(actor, "read");
  return prisma.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
