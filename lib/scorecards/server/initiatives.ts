import "server-only";
import { prisma } from "@/lib/core/db/client";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { AppError, notFound } from "@/lib/core/errors";
import { DAY_MS, isoDate, utcDay } from "@/lib/core/calendar";
import { burnUp, schedule, targetGaps, type InitiativeTarget } from "@/lib/scorecards/domain/initiative";
import { recordAudit } from "@/lib/core/db/audit";
import { evaluateServices } from "./scorecards";
import type { ServiceSnapshotData } from "./snapshots";

// Initiatives: a platform user's campaign to bring a set of services to a level or a set of rules by
// a date. Progress is live; the burn-up reads the daily snapshots.

export type TInitiativeInput = {
  name: string;
  description: string | null;
  targetLevel: "bronze" | "silver" | "gold" | null;
  ruleKeys: string[];
  teamIds: string[];
  serviceSlugs: string[];
  ownerId: string;
  targetDate: Date;
};

function requireManage(actor: Actor) {
  authorize(actor, "initiative.manage", null, "manage initiatives");
}

export async function createInitiative(input: TInitiativeInput, actor: Actor) {
  requireManage(actor);
  if (!input.targetLevel && input.ruleKeys.length === 0) {
    throw new AppError("validation_failed", "Choose a target level or at least one rule", [
      { path: "targetLevel", message: "choose a level or rules" },
    ]);
  }
  return prisma.$transaction(async (tx) => {
    const services = input.serviceSlugs.length
      ? await tx.service.findMany({ where: { slug: { in: input.serviceSlugs } }, select: { id: true, slug: true } })
      : [];
    const unknown = input.serviceSlugs.filter((s) => !services.some((x) => x.slug === s));
    if (unknown.length)
      throw new AppError("validation_failed", `Unknown service: ${unknown.join(", ")}`, [
        { path: "services", message: `unknown: ${unknown.join(", ")}` },
      ]);
    const teams = await tx.team.count({ where: { id: { in: input.teamIds } } });
    if (teams !== input.teamIds.length)
      throw new AppError("validation_failed", "Unknown team", [{ path: "teams", message: "unknown team" }]);
    if (!(await tx.user.findUnique({ where: { id: input.ownerId }, select: { id: true } })))
      throw new AppError("validation_failed", "Unknown owner", [{ path: "ownerId", message: "unknown user" }]);
    const initiative = await tx.initiative.create({
      data: {
        name: input.name,
        description: input.description,
        targetLevel: input.targetLevel,
        ruleKeys: input.ruleKeys,
        ownerId: input.ownerId,
        targetDate: input.targetDate,
        teams: { create: input.teamIds.map((teamId) => ({ teamId })) },
        services: { create: services.map((s) => ({ serviceId: s.id })) },
      },
    });
    await recordAudit(tx, actor, {
      action: "initiative.create",
      entityType: "initiative",
      entityId: initiative.id,
      data: { ...input, targetDate: input.targetDate.toISOString() },
    });
    return initiative;
  });
}

export async function archiveInitiative(id: string, actor: Actor) {
  requireManage(actor);
  return prisma.$transaction(async (tx) => {
    const found = await tx.initiative.findUnique({ where: { id }, select: { id: true, archivedAt: true } });
    if (!found) throw notFound("Initiative");
    await tx.initiative.update({ where: { id }, data: { archivedAt: found.archivedAt ? null : new Date() } });
    await recordAudit(tx, actor, {
      action: found.archivedAt ? "initiative.unarchive" : "initiative.archive",
      entityType: "initiative",
      entityId: id,
    });
  });
}

const initiativeSelect = {
  id: true,
  name: true,
  description: true,
  targetLevel: true,
  ruleKeys: true,
  ownerId: true,
  targetDate: true,
  createdAt: true,
  archivedAt: true,
  teams: { select: { team: { select: { id: true, slug: true, name: true } } } },
  services: { select: { serviceId: true } },
} as const;

type InitiativeRow = {
  targetLevel: string | null;
  ruleKeys: string[];
  teams: Array<{ team: { id: string } }>;
  services: Array<{ serviceId: string }>;
};

const targetOf = (i: InitiativeRow): InitiativeTarget => ({
  targetLevel: i.targetLevel === "none" ? null : (i.targetLevel as InitiativeTarget["targetLevel"]),
  ruleKeys: i.ruleKeys,
});

/** The services in scope: the teams' active services and the named ones (the whole organisation when neither is set). */
async function scopeIds(i: InitiativeRow): Promise<string[]> {
  const teamIds = i.teams.map((t) => t.team.id);
  const named = i.services.map((s) => s.serviceId);
  const rows = await prisma.service.findMany({
    where: {
      archivedAt: null,
      ...(teamIds.length || named.length ? { OR: [{ teamId: { in: teamIds } }, { id: { in: named } }] } : {}),
    },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

async function progressOf(i: InitiativeRow, now: Date) {
  const ids = await scopeIds(i);
  const evaluated = await evaluateServices(ids, now);
  const target = targetOf(i);
  const services = evaluated.map((s) => ({
    id: s.service.id,
    slug: s.service.slug,
    name: s.service.name,
    team: s.service.teamName,
    tier: s.service.tier,
    level: s.result.level,
    gaps: targetGaps(
      {
        level: s.result.level,
        rules: s.result.rules.map((r) => ({ rule: r.key, name: r.name, pass: r.pass, message: r.reason })),
      },
      target,
    ),
  }));
  return { services, done: services.filter((s) => s.gaps.length === 0).length, scope: services.length };
}

export async function listInitiatives(actor: Actor | null, opts: { archived?: boolean } = {}, now = new Date()) {
  authorize(actor, "read");
  const rows = await prisma.initiative.findMany({
    where: { archivedAt: opts.archived ? { not: null } : null },
    orderBy: { targetDate: "asc" },
    select: initiativeSelect,
  });
  const owners = new Map(
    (
      await prisma.user.findMany({
        where: { id: { in: rows.map((r) => r.ownerId) } },
        select: { id: true, name: true, email: true },
      })
    ).map((u) => [u.id, u.name ?? u.email]),
  );
  return Promise.all(
    rows.map(async (r) => {
      const p = await progressOf(r, now);
      return {
        ...r,
        owner: owners.get(r.ownerId) ?? "unknown",
        done: p.done,
        scope: p.scope,
        ...schedule(r.targetDate, p.done, p.scope, now),
      };
    }),
  );
}

export async function getInitiative(actor: Actor | null, id: string, now = new Date()) {
  authorize(actor, "read");
  const row = await prisma.initiative.findUnique({ where: { id }, select: initiativeSelect });
  if (!row) return null;
  const [owner, progress] = await Promise.all([
    prisma.user.findUnique({ where: { id: row.ownerId }, select: { name: true, email: true } }),
    progressOf(row, now),
  ]);
  // Burn-up: from 30 days before the initiative started (context) to today, one point per snapshot day.
  const start = new Date(Math.min(utcDay(row.createdAt).getTime(), utcDay(now).getTime()) - 30 * DAY_MS);
  const ids = progress.services.map((s) => s.id);
  const snapshots = await prisma.serviceSnapshot.findMany({
    where: { serviceId: { in: ids }, day: { gte: start } },
    select: { day: true, level: true, data: true },
  });
  const target = targetOf(row);
  const doneByDay = new Map<string, number>();
  for (const s of snapshots) {
    const day = isoDate(s.day);
    const data = s.data as ServiceSnapshotData;
    if (targetGaps({ level: s.level, rules: data.rules }, target).length === 0)
      doneByDay.set(day, (doneByDay.get(day) ?? 0) + 1);
    else if (!doneByDay.has(day)) doneByDay.set(day, 0);
  }
  const today = isoDate(now);
  doneByDay.set(today, progress.done);
  const days = [...doneByDay.keys()].sort();
  return {
    ...row,
    owner: owner ? (owner.name ?? owner.email) : "unknown",
    target,
    services: progress.services,
    done: progress.done,
    scope: progress.scope,
    ...schedule(row.targetDate, progress.done, progress.scope, now),
    burnUp: burnUp(days, doneByDay, progress.scope, row.createdAt, row.targetDate),
  };
}

export type InitiativeDetail = NonNullable<Awaited<ReturnType<typeof getInitiative>>>;

/**
 * The API's initiative (team slugs, owner email) as createInitiative takes it (ids), or a 400 naming
 * what is unknown. Authorised first, so nobody else learns which emails are users.
 */
export async function resolveInitiativeInput(
  actor: Actor,
  input: {
    name: string;
    description?: string;
    targetLevel?: "bronze" | "silver" | "gold" | null;
    rules: string[];
    teams: string[];
    services: string[];
    owner: string;
    targetDate: string;
  },
): Promise<TInitiativeInput> {
  requireManage(actor);
  const [teams, owner] = await Promise.all([
    prisma.team.findMany({ where: { slug: { in: input.teams } }, select: { id: true, slug: true } }),
    prisma.user.findUnique({ where: { email: input.owner.toLowerCase() }, select: { id: true } }),
  ]);
  const unknown = input.teams.filter((t) => !teams.some((x) => x.slug === t));
  if (unknown.length)
    throw new AppError("validation_failed", `Unknown team: ${unknown.join(", ")}`, [
      { path: "teams", message: `unknown: ${unknown.join(", ")}` },
    ]);
  if (!owner)
    throw new AppError("validation_failed", `No user "${input.owner}"`, [{ path: "owner", message: "no such user" }]);
  return {
    name: input.name,
    description: input.description ?? null,
    targetLevel: input.targetLevel ?? null,
    ruleKeys: input.rules,
    teamIds: teams.map((t) => t.id),
    serviceSlugs: input.services,
    ownerId: owner.id,
    targetDate: new Date(`${input.targetDate}T23:59:59Z`),
  };
}
