import "server-only";
import { decideSsoSignIn, parseList, type SsoPolicy, type SsoRefusal } from "@/lib/access/domain/sso-policy";
import { SYSTEM_ACTOR, type UserActor } from "@/lib/core/auth/permissions";
import { recordAudit } from "@/lib/core/db/audit";
import { prisma } from "@/lib/core/db/client";
import { conflict } from "@/lib/core/errors";
import { recordSecurityEvent, signedIn, toActor, userSelect, type SignedInUser } from "./user-record";

// Single sign-on: who an SSO identity signs in as (lib/access/domain/sso-policy.ts decides), and
// explicit linking from a signed-in session.

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

/** The SSO identities linked to the signed-in user's own account. */
export async function listOwnIdentities(actor: UserActor) {
  return prisma.userIdentity.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "asc" },
    select: { provider: true, createdAt: true },
  });
}
