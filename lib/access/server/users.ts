import "server-only";
import { DEMO_USERS } from "@/lib/access/domain/demo-users";
import { cache } from "react";
import { prisma } from "@/lib/core/db/client";
import { hashPassword, verifyPasswordOrDummy } from "@/lib/access/domain/password";
import { authorize, SYSTEM_ACTOR, type Actor, type Role, type UserActor } from "@/lib/core/auth/permissions";
import { recordAudit } from "@/lib/core/db/audit";
import { forbidden, notFound } from "@/lib/core/errors";

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  memberships: { select: { teamId: true } },
} as const;

type LoadedUser = { id: string; email: string; name: string | null; role: Role; memberships: { teamId: string }[] };

function toActor(user: LoadedUser): UserActor {
  return {
    kind: "user",
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    teamIds: user.memberships.map((m) => m.teamId),
  };
}

export const loadActiveUser = cache(async (id: string): Promise<UserActor | null> => {
  const user = await prisma.user.findUnique({ where: { id }, select: userSelect });
  return user && !user.disabled ? toActor(user) : null;
});

/** Null for an unknown email, a wrong password or a disabled user alike. */
export async function authenticateWithPassword(email: string, password: string): Promise<UserActor | null> {
  const user = await prisma.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { ...userSelect, passwordHash: true },
  });
  const ok = await verifyPasswordOrDummy(password, user?.passwordHash);
  if (!user || !ok || user.disabled) return null;
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return toActor(user);
}

/** Finds the user behind an SSO sign-in, linking the identity by email the first time. */
export async function resolveSsoUser(input: {
  provider: string;
  subject: string;
  email: string | null;
  name: string | null;
}): Promise<UserActor | null> {
  const identity = await prisma.userIdentity.findUnique({
    where: { provider_subject: { provider: input.provider, subject: input.subject } },
    select: { user: { select: userSelect } },
  });
  if (identity) return identity.user.disabled ? null : toActor(identity.user);
  if (!input.email) return null;
  const email = input.email.toLowerCase();
  const user = await prisma.$transaction(async (tx) => {
    // New SSO users start as engineers without teams: they can read everything and change nothing.
    const u = await tx.user.upsert({
      where: { email },
      update: {},
      create: { email, name: input.name, role: "engineer" },
      select: userSelect,
    });
    await tx.userIdentity.create({ data: { provider: input.provider, subject: input.subject, userId: u.id } });
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: "user.sso_link",
      entityType: "user",
      entityId: u.id,
      data: { provider: input.provider },
    });
    return u;
  });
  return user.disabled ? null : toActor(user);
}

export type TUpsertUser = {
  email: string;
  role: Role;
  name?: string | null;
  password?: string;
  teamSlugs?: string[];
};

/** Creates or updates a user (CLI `user create`). Memberships are added, never removed, here. */
export async function upsertUser(input: TUpsertUser, actor: Actor) {
  authorize(actor, "user.manage");
  const email = input.email.trim().toLowerCase();
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return prisma.$transaction(async (tx) => {
    const teams = await tx.team.findMany({
      where: { slug: { in: input.teamSlugs ?? [] } },
      select: { id: true, slug: true },
    });
    const missing = (input.teamSlugs ?? []).filter((s) => !teams.some((t) => t.slug === s));
    if (missing.length) throw notFound(`Team "${missing[0]}"`);
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    const user = await tx.user.upsert({
      where: { email },
      update: {
        role: input.role,
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(passwordHash ? { passwordHash } : {}),
      },
      create: { email, role: input.role, name: input.name ?? null, passwordHash: passwordHash ?? null },
      select: { id: true, email: true, role: true },
    });
    for (const team of teams) {
      await tx.teamMembership.upsert({
        where: { userId_teamId: { userId: user.id, teamId: team.id } },
        update: {},
        create: { userId: user.id, teamId: team.id },
      });
    }
    await recordAudit(tx, actor, {
      action: existing ? "user.update" : "user.create",
      entityType: "user",
      entityId: user.id,
      data: { email, role: input.role, teams: teams.map((t) => t.slug) },
    });
    return { ...user, created: !existing };
  });
}

export async function setUserDisabled(userId: string, disabled: boolean, actor: Actor) {
  authorize(actor, "user.manage");
  if (actor.kind === "user" && userId === actor.id && disabled) throw forbidden("You cannot disable your own account");
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: userId }, data: { disabled }, select: { id: true, email: true } });
    await recordAudit(tx, actor, {
      action: disabled ? "user.disable" : "user.enable",
      entityType: "user",
      entityId: user.id,
    });
  });
}

export async function listUsers(actor: Actor | null) {
  authorize(actor, "user.manage");
  return prisma.user.findMany({
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      lastLoginAt: true,
      memberships: { select: { team: { select: { slug: true, name: true } } } },
    },
  });
}

/** Active users as a pick-list option (initiative owners). */
export async function listUserOptions(actor: Actor | null) {
  authorize(actor, "read");
  return prisma.user.findMany({
    where: { disabled: false },
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: { id: true, name: true, email: true, role: true },
  });
}

/** The user a printed leadership report is rendered for: the given email, else the first leadership or platform user. */
export async function findReportUser(email?: string) {
  const select = { id: true, email: true, name: true, role: true, disabled: true } as const;
  if (email) return prisma.user.findUnique({ where: { email: email.toLowerCase() }, select });
  for (const role of ["leadership", "platform"] as const) {
    const user = await prisma.user.findFirst({
      where: { role, disabled: false },
      orderBy: { createdAt: "asc" },
      select,
    });
    if (user) return user;
  }
  return null;
}

/** Whether the demo accounts exist (start-up prints them only then). */
export async function hasDemoUsers(): Promise<boolean> {
  return (await prisma.user.count({ where: { email: { in: DEMO_USERS.map((u) => u.email) } } })) > 0;
}
