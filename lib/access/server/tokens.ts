import "server-only";
import { prisma } from "@/lib/core/db/client";
import { generateToken, hashToken, tokenDisplayPrefix } from "@/lib/access/server/token-secrets";
import { SCOPES, type Actor, type Scope, type TokenActor, authorize } from "@/lib/core/auth/permissions";
import { notFound } from "@/lib/core/errors";
import { recordAudit } from "@/lib/core/db/audit";

export type TCreateToken = { name: string; scopes: Scope[]; teamSlug?: string | null };

/** Returns the token itself once; only its hash is stored. */
export async function createApiToken(input: TCreateToken, actor: Actor) {
  authorize(actor, "token.manage", null, "create API tokens");
  const token = generateToken();
  const row = await prisma.$transaction(async (tx) => {
    const team = input.teamSlug
      ? await tx.team.findUnique({ where: { slug: input.teamSlug }, select: { id: true } })
      : null;
    if (input.teamSlug && !team) throw notFound(`Team "${input.teamSlug}"`);
    const created = await tx.apiToken.create({
      data: {
        name: input.name,
        tokenHash: hashToken(token),
        prefix: tokenDisplayPrefix(token),
        scopes: input.scopes,
        teamId: team?.id ?? null,
        createdById: actor.kind === "user" ? actor.id : null,
      },
      select: { id: true, name: true, scopes: true, teamId: true },
    });
    await recordAudit(tx, actor, {
      action: "token.create",
      entityType: "api_token",
      entityId: created.id,
      data: { name: input.name, scopes: input.scopes, team: input.teamSlug ?? null },
    });
    return created;
  });
  return { token, ...row };
}

const LAST_USED_RESOLUTION_MS = 60_000;

export async function findTokenActor(token: string): Promise<TokenActor | null> {
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, name: true, scopes: true, teamId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Recorded at most once a minute, so a busy ingest token does not write on every request.
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  const scopes = row.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s));
  return { kind: "token", id: row.id, name: row.name, scopes, teamId: row.teamId };
}

export async function listApiTokens(actor: Actor | null) {
  authorize(actor, "token.manage");
  return prisma.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      team: { select: { slug: true, name: true } },
    },
  });
}

export async function revokeApiToken(id: string, actor: Actor) {
  authorize(actor, "token.manage", null, "revoke API tokens");
  await prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id }, select: { id: true, revokedAt: true } });
    if (!token) throw notFound("Token");
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, { action: "token.revoke", entityType: "api_token", entityId: id });
  });
}
