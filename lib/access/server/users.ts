import "server-only";
import { DEMO_USERS } from "@/lib/access/domain/demo-users";
import { cache } from "react";
import { prisma } from "@/lib/core/db/client";
import { hashPassword, verifyPasswordOrDummy } from "@/lib/access/server/password";
import { authorize, type Actor, type Role, type UserActor } from "@/lib/core/auth/permissions";
import { recordAudit } from "@/lib/core/db/audit";
import { recordSecurityEvent, signedIn, toActor, userSelect, type SignedInUser } from "./user-record";
import { forbidden, notFound } from "@/lib/core/errors";
import { checkSecondFactor } from "./two-factor";

/**
 * The user behind a session: null when they are disabled, or when the session began before their
 * session version last moved (sign-out everywhere, a role or password change, disabling).
 */
export const loadActiveUser = cache(async (id: string, sessionVersion?: number): Promise<UserActor | null> => {
  const user = await prisma.user.findUnique({ where: { id }, select: userSelect });
  if (!user || user.disabled) return null;
  if (sessionVersion !== undefined && sessionVersion !== user.sessionVersion) return null;
  return toActor(user);
});

export type TPasswordSignIn =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: "invalid" }
  /** The password was right; the account has two-factor on and no (or a wrong) code came with it. */
  | { ok: false; reason: "second_factor_required" | "second_factor_invalid" };

/**
 * Password sign-in, with the second factor when the account has one. An unknown email, a wrong
 * password and a disabled user all give the same "invalid". Every outcome is audited.
 */
export async function authenticateWithPassword(
  email: string,
  password: string,
  code?: string,
): Promise<TPasswordSignIn> {
  const normalised = email.trim().toLowerCase();
  const user = await prisma.user.findUnique({
    where: { email: normalised },
    select: { ...userSelect, passwordHash: true },
  });
  const ok = await verifyPasswordOrDummy(password, user?.passwordHash);
  if (!user || !ok || user.disabled) {
    await recordSecurityEvent("auth.sign_in_failed", user?.id ?? normalised, {
      method: "password",
      reason: !user ? "unknown_email" : user.disabled ? "disabled" : "wrong_password",
    });
    return { ok: false, reason: "invalid" };
  }
  if (user.totpEnabledAt) {
    if (!code) return { ok: false, reason: "second_factor_required" };
    if (!(await checkSecondFactor(user.id, code))) {
      await recordSecurityEvent("auth.sign_in_failed", user.id, { method: "password", reason: "wrong_second_factor" });
      return { ok: false, reason: "second_factor_invalid" };
    }
  }
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await recordSecurityEvent("auth.sign_in", user.id, { method: user.totpEnabledAt ? "password+totp" : "password" });
  return { ok: true, user: signedIn(user) };
}

/** Ends every session of the user at once (their next request signs them out). */
export async function signOutEverywhere(actor: Actor, userId: string) {
  if (actor.kind !== "user" || actor.id !== userId) authorize(actor, "user.manage");
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await recordAudit(tx, actor, { action: "user.sign_out_everywhere", entityType: "user", entityId: userId });
  });
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
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, role: true } });
    // A new role or password ends the user's sessions: they sign in again under the new terms.
    const endSessions = existing !== null && (existing.role !== input.role || passwordHash !== undefined);
    const user = await tx.user.upsert({
      where: { email },
      update: {
        role: input.role,
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(passwordHash ? { passwordHash } : {}),
        ...(endSessions ? { sessionVersion: { increment: 1 } } : {}),
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
      data: {
        email,
        role: input.role,
        teams: teams.map((t) => t.slug),
        ...(existing && existing.role !== input.role ? { previousRole: existing.role } : {}),
        ...(passwordHash && existing ? { passwordChanged: true } : {}),
      },
    });
    return { ...user, created: !existing };
  });
}

export async function setUserDisabled(userId: string, disabled: boolean, actor: Actor) {
  authorize(actor, "user.manage");
  if (actor.kind === "user" && userId === actor.id && disabled) throw forbidden("You cannot disable your own account");
  await prisma.$transaction(async (tx) => {
    // Enabling also approves a pending SSO sign-up; disabling ends every session at once.
    const user = await tx.user.update({
      where: { id: userId },
      data: disabled ? { disabled, sessionVersion: { increment: 1 } } : { disabled, pendingApproval: false },
      select: { id: true, email: true },
    });
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
      pendingApproval: true,
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
  const select = { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true } as const;
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
