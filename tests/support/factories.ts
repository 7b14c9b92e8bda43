// Test data with unique names, so tests never depend on each other or on run order.
import crypto from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { hashPassword } from "@/lib/access/server/password";
import { generateToken, hashToken, tokenDisplayPrefix } from "@/lib/access/server/token-secrets";

export const uniq = (prefix: string) => `${prefix}-${crypto.randomBytes(4).toString("hex")}`;

export async function makeTeam(db: PrismaClient, overrides: { slug?: string; name?: string } = {}) {
  const slug = overrides.slug ?? uniq("team");
  return db.team.create({ data: { slug, name: overrides.name ?? `Team ${slug}` } });
}

export async function makeUser(
  db: PrismaClient,
  opts: {
    role: "platform" | "engineer" | "leadership";
    teamIds?: string[];
    password?: string;
    disabled?: boolean;
    email?: string;
  },
) {
  const email = opts.email ?? `${uniq(opts.role)}@test.shipshape.dev`;
  const password = opts.password ?? "test-password-123";
  const user = await db.user.create({
    data: {
      email,
      name: `Test ${opts.role}`,
      role: opts.role,
      disabled: opts.disabled ?? false,
      passwordHash: await hashPassword(password),
      memberships: { create: (opts.teamIds ?? []).map((teamId) => ({ teamId })) },
    },
  });
  return { ...user, password };
}

export async function makeService(db: PrismaClient, teamId: string, overrides: { slug?: string; tier?: number } = {}) {
  const slug = overrides.slug ?? uniq("svc");
  return db.service.create({
    data: { slug, name: `Service ${slug}`, teamId, tier: overrides.tier ?? 2, lifecycle: "production" },
  });
}

export async function makeToken(db: PrismaClient, scopes: string[], teamId: string | null = null) {
  const token = generateToken();
  await db.apiToken.create({
    data: { name: uniq("token"), tokenHash: hashToken(token), prefix: tokenDisplayPrefix(token), scopes, teamId },
  });
  return token;
}

export function actorFor(
  user: { id: string; email: string; role: "platform" | "engineer" | "leadership" },
  teamIds: string[] = [],
) {
  return { kind: "user" as const, id: user.id, email: user.email, name: null, role: user.role, teamIds };
}
