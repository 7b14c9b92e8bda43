import "server-only";
import { SYSTEM_ACTOR, type Role, type UserActor } from "@/lib/core/auth/permissions";
import { recordAudit } from "@/lib/core/db/audit";
import { prisma } from "@/lib/core/db/client";

// What users.ts and sso.ts share: the columns a signed-in user is loaded with, the actor made of
// them, and the security-event writer.

export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  sessionVersion: true,
  memberships: { select: { teamId: true } },
} as const;

export type LoadedUser = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  memberships: { teamId: string }[];
};

export function toActor(user: LoadedUser): UserActor {
  return {
    kind: "user",
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    teamIds: user.memberships.map((m) => m.teamId),
  };
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
