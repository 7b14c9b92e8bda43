import "server-only";
import { DEMO_USERS } from "@/lib/access/domain/demo-users";
import { cache } from "react";
import { prisma } from "@/lib/core/db/client";
import { hashPassword, verifyPasswordOrDummy } from "@/lib/access/server/password";
import { authorize, SYSTEM_ACTOR, type Actor, type Role, type UserActor } from "@/lib/core/auth/permissions";
import { recordAudit } from "@/lib/core/db/audit";
import { conflict, forbidden, notFound } from "@/lib/core/errors";
import { decideSsoSignIn, parseList, type SsoPolicy, type SsoRefusal } from "@/lib/access/domain/sso-policy";

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  sessionVersion: true,
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

export type SignedInUser = UserActor & { sessionVersion: number };

const signedIn = (user: LoadedUser & { sessionVersion: number }): SignedInUser => ({
  ...toActor(user),
  sessionVersion: user.sessionVersion,
});

/** Null for an unknown email, a wrong password or a disabled user alike. Both outcomes are audited. */
export async function authenticateWithPassword(email: string, password: string): Promise<SignedInUser | null> {
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
    return null;
  }
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await recordSecurityEvent("auth.sign_in", user.id, { method: "password" });
  return signedIn(user);
}

/** Ends every session of the user at once (their next request signs them out). */
export async function signOutEverywhere(actor: Actor, userId: string) {
  if (actor.kind !== "user" || actor.id !== userId) authorize(actor, "user.manage");
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await recordAudit(tx, actor, { action: "user.sign_out_everywhere", entityType: "user", entityId: userId });
  });
}

export type TSsoSignIn = {
  provider: string;
  subject: string;
  email: string | null;
  /** What the identity provider says: OIDC's `email_verified`, GitHub's verified emails. */
  emailVerified: boolean;
  name: string | null;
  /** GitHub organisations, when the provider is GitHub and they could be read. */
  githubOrgs?: string[] | null;
};

export type SsoOutcome = { ok: true; user: SignedInUser } | { ok: false; reason: SsoRefusal };

export function ssoPolicyFromEnv(env: Record<string, string | undefined> = process.env): SsoPolicy {
  return {
    allowedDomains: parseList(env.AUTH_SSO_ALLOWED_DOMAINS),
    allowedGithubOrgs: parseList(env.AUTH_GITHUB_ALLOWED_ORGS),
  };
}

/**
 * The user behind an SSO sign-in (lib/access/domain/sso-policy.ts says who may sign in as whom).
 * A new identity becomes a new engineer without teams: active when its domain or organisation is
 * allowed, otherwise disabled and waiting for a platform user. Every outcome is audited.
 */
export async function resolveSsoUser(input: TSsoSignIn, policy: SsoPolicy = ssoPolicyFromEnv()): Promise<SsoOutcome> {
  const email = input.email?.trim().toLowerCase() || null;
  const [identity, emailUser] = await Promise.all([
    prisma.userIdentity.findUnique({
      where: { provider_subject: { provider: input.provider, subject: input.subject } },
      select: { user: { select: { ...userSelect, pendingApproval: true } } },
    }),
    email ? prisma.user.findUnique({ where: { email }, select: { id: true } }) : null,
  ]);
  const linked = identity?.user ?? null;
  const decision = decideSsoSignIn(
    {
      provider: input.provider,
      linkedUser: linked ? { id: linked.id, disabled: linked.disabled, approved: !linked.pendingApproval } : null,
      emailUser,
      email,
      emailVerified: input.emailVerified,
      githubOrgs: input.githubOrgs ?? null,
    },
    policy,
  );
  if (decision.kind === "sign_in") {
    await recordSecurityEvent("auth.sign_in", linked!.id, { provider: input.provider });
    return { ok: true, user: signedIn(linked!) };
  }
  if (decision.kind === "refuse") {
    await recordSecurityEvent("auth.sso_refused", linked?.id ?? emailUser?.id ?? `${input.provider}:${input.subject}`, {
      provider: input.provider,
      reason: decision.reason,
      email,
    });
    return { ok: false, reason: decision.reason };
  }
  const created = await prisma.$transaction(async (tx) => {
    const u = await tx.user.create({
      data: {
        email: email!,
        name: input.name,
        role: "engineer",
        disabled: !decision.active,
        pendingApproval: !decision.active,
      },
      select: userSelect,
    });
    await tx.userIdentity.create({ data: { provider: input.provider, subject: input.subject, userId: u.id } });
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: decision.active ? "user.sso_create" : "user.sso_pending",
      entityType: "user",
      entityId: u.id,
      data: { provider: input.provider, email },
    });
    return u;
  });
  return decision.active ? { ok: true, user: signedIn(created) } : { ok: false, reason: "pending_approval" };
}

/**
 * Links an SSO identity to the signed-in user who asked for it (the explicit way to add SSO to an
 * existing account). Refused when the identity already belongs to someone else.
 */
export async function linkSsoIdentity(userId: string, identity: { provider: string; subject: string }) {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.userIdentity.findUnique({
      where: { provider_subject: identity },
      select: { userId: true },
    });
    if (existing && existing.userId !== userId) throw conflict("This identity is already linked to another account");
    if (!existing) await tx.userIdentity.create({ data: { ...identity, userId } });
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: userSelect });
    await recordAudit(tx, toActor(user), {
      action: "user.sso_link",
      entityType: "user",
      entityId: userId,
      data: { provider: identity.provider },
    });
    return signedIn(user);
  });
}

/** Sign-ins, refusals and other security events, in the audit log with the system as the actor. */
export async function recordSecurityEvent(action: string, entityId: string, data: Record<string, unknown>) {
  await prisma.$transaction((tx) =>
    recordAudit(tx, SYSTEM_ACTOR, { action, entityType: "user", entityId, data: JSON.parse(JSON.stringify(data)) }),
  );
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

/** The SSO identities linked to the signed-in user's own account. */
export async function listOwnIdentities(actor: UserActor) {
  return prisma.userIdentity.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "asc" },
    select: { provider: true, createdAt: true },
  });
}
