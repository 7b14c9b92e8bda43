import "server-only";
// Rule exemptions: one scorecard rule waived for one service, requested by its team with a
// justification and an expiry, approved (or rejected, with a reason) by the platform team, and
// revocable. An approved one counts as passing until it expires or is revoked; every step is audited.
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { prisma } from "@/lib/core/db/client";
import { actorLabel, authorize, type Actor } from "@/lib/core/auth/permissions";
import { AppError, conflict, notFound } from "@/lib/core/errors";
import { recordAudit } from "@/lib/core/db/audit";
import { DAY_MS } from "@/lib/core/calendar";
import type { ActiveExemptions } from "@/lib/scorecards/domain/scorecard";

const MAX_EXEMPTION_DAYS = 366;

/** People by name (their email when they have none); tokens and jobs as the audit log names them. */
const nameOf = (actor: Actor) => (actor.kind === "user" ? (actor.name ?? actor.email) : actorLabel(actor));

export type TExemptionRequest = {
  service: string;
  scorecard: string;
  rule: string;
  justification: string;
  expiresAt: Date;
};

const exemptionSelect = {
  id: true,
  ruleKey: true,
  justification: true,
  expiresAt: true,
  status: true,
  requestedBy: true,
  decidedBy: true,
  decidedAt: true,
  decisionNote: true,
  revokedAt: true,
  createdAt: true,
  service: { select: { slug: true, name: true, tier: true, team: { select: { slug: true, name: true } } } },
  scorecard: { select: { key: true, name: true, rules: { select: { key: true, name: true } } } },
} as const;
type ExemptionRow = Prisma.RuleExemptionGetPayload<{ select: typeof exemptionSelect }>;

export type ExemptionState = "pending" | "active" | "expired" | "rejected" | "revoked";

export type TExemptionDto = {
  id: string;
  service: string;
  serviceName: string;
  team: string;
  scorecard: string;
  rule: string;
  ruleName: string;
  justification: string;
  expiresAt: string;
  state: ExemptionState;
  requestedBy: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  revokedAt: string | null;
  createdAt: string;
};

function stateOf(row: { status: string; expiresAt: Date }, now: Date): ExemptionState {
  if (row.status === "approved") return row.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
  return row.status === "pending" ? "pending" : row.status === "rejected" ? "rejected" : "revoked";
}

function toDto(row: ExemptionRow, now: Date): TExemptionDto {
  return {
    id: row.id,
    service: row.service.slug,
    serviceName: row.service.name,
    team: row.service.team.slug,
    scorecard: row.scorecard.key,
    rule: row.ruleKey,
    ruleName: row.scorecard.rules.find((r) => r.key === row.ruleKey)?.name ?? row.ruleKey,
    justification: row.justification,
    expiresAt: row.expiresAt.toISOString(),
    state: stateOf(row, now),
    requestedBy: row.requestedBy,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** An engineer of the owning team (or the platform team) asks for one rule to be waived. */
export async function requestExemption(input: TExemptionRequest, actor: Actor, now = new Date()) {
  const service = await prisma.service.findUnique({
    where: { slug: input.service },
    select: { id: true, teamId: true, archivedAt: true },
  });
  if (!service) throw notFound(`Service "${input.service}"`);
  authorize(actor, "waiver.request", { teamId: service.teamId }, "ask for exemptions for this service");
  if (service.archivedAt) throw conflict("The service is archived");
  const card = await prisma.scorecard.findUnique({
    where: { key: input.scorecard },
    select: { id: true, name: true, rules: { select: { key: true, name: true } } },
  });
  if (!card)
    throw new AppError("validation_failed", `No scorecard "${input.scorecard}"`, [
      { path: "scorecard", message: `no scorecard "${input.scorecard}"` },
    ]);
  const rule = card.rules.find((r) => r.key === input.rule);
  if (!rule)
    throw new AppError("validation_failed", `${card.name} has no rule "${input.rule}"`, [
      { path: "rule", message: `no rule "${input.rule}" in ${input.scorecard}` },
    ]);
  if (input.expiresAt.getTime() <= now.getTime())
    throw new AppError("validation_failed", "The expiry must be in the future", [
      { path: "expiresAt", message: "must be in the future" },
    ]);
  if (input.expiresAt.getTime() > now.getTime() + MAX_EXEMPTION_DAYS * DAY_MS)
    throw new AppError("validation_failed", "Exemptions last at most a year", [
      { path: "expiresAt", message: "must be within a year" },
    ]);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`exemption:${service.id}:${card.id}:${rule.key}`}))`;
    const open = await tx.ruleExemption.findFirst({
      where: {
        serviceId: service.id,
        scorecardId: card.id,
        ruleKey: rule.key,
        OR: [{ status: "pending" }, { status: "approved", expiresAt: { gt: now } }],
      },
      select: { status: true },
    });
    if (open)
      throw conflict(
        open.status === "pending"
          ? `An exemption from "${rule.name}" is already waiting for a decision`
          : `"${rule.name}" is already exempt for this service`,
      );
    const row = await tx.ruleExemption.create({
      data: {
        serviceId: service.id,
        scorecardId: card.id,
        ruleKey: rule.key,
        justification: input.justification,
        expiresAt: input.expiresAt,
        requestedById: actor.kind === "user" ? actor.id : null,
        requestedBy: nameOf(actor),
      },
      select: exemptionSelect,
    });
    await recordAudit(tx, actor, {
      action: "exemption.request",
      entityType: "exemption",
      entityId: row.id,
      serviceId: service.id,
      data: {
        scorecard: input.scorecard,
        rule: rule.key,
        justification: input.justification,
        expiresAt: input.expiresAt.toISOString(),
      },
    });
    return toDto(row, now);
  });
}

export type TExemptionDecision = { id: string; decision: "approve" | "reject"; note?: string | null };

/** The platform team approves or rejects; a rejection says why. */
export async function decideExemption(input: TExemptionDecision, actor: Actor, now = new Date()) {
  authorize(actor, "waiver.decide", null, "approve or reject exemptions");
  if (input.decision === "reject" && !input.note?.trim())
    throw new AppError("validation_failed", "Say why the exemption is rejected", [
      { path: "note", message: "is required when rejecting" },
    ]);
  return prisma.$transaction(async (tx) => {
    const row = await tx.ruleExemption.findUnique({
      where: { id: input.id },
      select: { ...exemptionSelect, serviceId: true },
    });
    if (!row) throw notFound("Exemption");
    if (row.status !== "pending") throw conflict(`This exemption was already ${row.status}`);
    if (input.decision === "approve" && row.expiresAt.getTime() <= now.getTime())
      throw conflict("This exemption's expiry has passed; ask for a new one");
    const status = input.decision === "approve" ? "approved" : "rejected";
    const claimed = await tx.ruleExemption.updateMany({
      where: { id: row.id, status: "pending" },
      data: {
        status,
        decidedById: actor.kind === "user" ? actor.id : null,
        decidedBy: nameOf(actor),
        decidedAt: now,
        decisionNote: input.note?.trim() || null,
      },
    });
    if (claimed.count === 0) throw conflict("This exemption was decided by someone else a moment ago");
    await recordAudit(tx, actor, {
      action: `exemption.${input.decision}`,
      entityType: "exemption",
      entityId: row.id,
      serviceId: row.serviceId,
      data: { scorecard: row.scorecard.key, rule: row.ruleKey, note: input.note ?? null },
    });
    const after = await tx.ruleExemption.findUniqueOrThrow({ where: { id: row.id }, select: exemptionSelect });
    return toDto(after, now);
  });
}

/** Ends an approved exemption now: the rule is judged again from this instant. */
export async function revokeExemption(input: { id: string; note?: string | null }, actor: Actor, now = new Date()) {
  authorize(actor, "waiver.decide", null, "revoke exemptions");
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.ruleExemption.updateMany({
      where: { id: input.id, status: "approved", expiresAt: { gt: now } },
      data: { status: "revoked", revokedAt: now, decisionNote: input.note?.trim() || undefined },
    });
    const row = await tx.ruleExemption.findUnique({
      where: { id: input.id },
      select: { ...exemptionSelect, serviceId: true },
    });
    if (!row) throw notFound("Exemption");
    if (claimed.count === 0)
      throw conflict(`Only an active exemption can be revoked; this one is ${stateOf(row, now)}`);
    await recordAudit(tx, actor, {
      action: "exemption.revoke",
      entityType: "exemption",
      entityId: row.id,
      serviceId: row.serviceId,
      data: { scorecard: row.scorecard.key, rule: row.ruleKey, note: input.note ?? null },
    });
    return toDto(row, now);
  });
}

export type ExemptionFilter = ExemptionState | "all";

export async function listExemptions(
  actor: Actor | null,
  filter: { state?: ExemptionFilter; service?: string } = {},
  now = new Date(),
): Promise<TExemptionDto[]> {
  authorize(actor, "read");
  const state = filter.state ?? "all";
  const where: Prisma.RuleExemptionWhereInput = {
    ...(filter.service ? { service: { slug: filter.service } } : {}),
    ...(state === "pending"
      ? { status: "pending" }
      : state === "active"
        ? { status: "approved", expiresAt: { gt: now } }
        : state === "expired"
          ? { status: "approved", expiresAt: { lte: now } }
          : state === "rejected"
            ? { status: "rejected" }
            : state === "revoked"
              ? { status: "revoked" }
              : {}),
  };
  const rows = await prisma.ruleExemption.findMany({
    where,
    orderBy: [{ expiresAt: "asc" }, { createdAt: "asc" }],
    take: 500,
    select: exemptionSelect,
  });
  return rows.map((r) => toDto(r, now));
}

/**
 * The exemptions in force at `asOf` for these services, by service and scorecard: approved before
 * it, not yet expired, and not revoked by then (so a past day is judged as it was).
 */
export async function activeExemptionsOf(
  serviceIds: string[],
  asOf: Date,
  db: PrismaClient = prisma,
): Promise<Map<string, ActiveExemptions>> {
  const rows = await db.ruleExemption.findMany({
    where: {
      serviceId: { in: serviceIds },
      status: { in: ["approved", "revoked"] },
      decidedAt: { lte: asOf },
      expiresAt: { gt: asOf },
      OR: [{ revokedAt: null }, { revokedAt: { gt: asOf } }],
    },
    select: { serviceId: true, scorecardId: true, ruleKey: true, expiresAt: true, justification: true },
  });
  const out = new Map<string, ActiveExemptions>();
  for (const r of rows) {
    const key = `${r.serviceId}:${r.scorecardId}`;
    const map = out.get(key) ?? new Map();
    map.set(r.ruleKey, { expiresAt: r.expiresAt, justification: r.justification });
    out.set(key, map);
  }
  return out;
}
