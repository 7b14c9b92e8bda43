import "server-only";
import { SYSTEM_ACTOR, type Role, type UserActor } from "@/lib/core/auth/permissions";
import { recordAudit } from "@/lib/core/db/audit";
import { prisma } from "@/lib/core/db/client";
import { mustEnrolTotp, requiredTotpRoles } from "@/lib/access/domain/two-factor-policy";

// What users.ts and sso.ts share: the columns a signed-in user is loaded with, the actor made of
// them, and the security-event writer.

export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  sessionVersion: true,
  passwordHash: true,
  totpEnabledAt: true,
  memberships: { select: { teamId: true } },
} as const;

export type LoadedUser = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  memberships: { teamId: string }[];
  passwordHash?: string | null;
  totpEnabledAt?: Date | null;
};

export function toActor(user: LoadedUser): UserActor {
  const actor: UserActor = {
    kind: "user",
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    teamIds: user.memberships.map((m) => m.teamId),
  };
  const enrol = mustEnrolTotp(
    { role: user.role, hasPassword: Boolean(user.passwordHash), totpEnabled: Boolean(user.totpEnabledAt) },
    // Read per call (validated at start-up with the rest of the environment).
    requiredTotpRoles(process.env.AUTH_TOTP_REQUIRED_ROLES),
  );
  return enrol ? { ...actor, mustEnrolTotp: true } : actor;
}

export type SignedInUser = UserActor & { sessionVersion: number };

export const signedIn = (user: LoadedUser & { sessionVersion: number }): SignedInUser => ({
  ...toActor(user),
  sessionVersion: user.sessionVersion,
});

/** Sign-ins, refusals and other security events, in the audit log with the system as the actor. */
export async function recordSecurityEvent(action: string, entityId: string, data: Record<string, unknown>) {
  await prisma.$transaction((tx) =>
    recordAudit(tx, SYSTEM_ACTOR, { action, entityType: "user", entityId, data: JSON.parse(JSON.stringify(data)) }),
  );
}
