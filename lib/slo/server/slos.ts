import "server-only";
import { prisma } from "@/lib/core/db/client";
import { type Actor, authorize, systemActor } from "@/lib/core/auth/permissions";
import { AppError, notFound } from "@/lib/core/errors";
import {
  burnDown,
  burnRate,
  chartWindow,
  DAY,
  errorBudget,
  errorRatio,
  evaluateSlo,
  type SloEvaluation,
  type SloStatus,
  type SloWindowSpec,
} from "@/lib/slo/domain/slo";
import type { TSliInput, TSloInput } from "@/lib/slo/schemas";
import { recordAudit } from "@/lib/core/db/audit";
import { mapPrismaError } from "@/lib/core/db/prisma-errors";
import { RAW_RETENTION_DAYS, rollupSeries, sloSums, writeSamples } from "./sli";

/** What evaluating an SLO needs (its row for `evaluate`); shared with the alert check. */
export const sloSelect = {
  id: true,
  name: true,
  objective: true,
  windowDays: true,
  calendarWindow: true,
  description: true,
  source: true,
  service: { select: { slug: true, teamId: true } },
} as const;

export async function serviceFor(slug: string, actor: Actor, action: "slo.define" | "ingest", path = "service") {
  const service = await prisma.service.findUnique({ where: { slug }, select: { id: true, slug: true, teamId: true } });
  if (!service)
    throw new AppError("validation_failed", "1 field is invalid", [{ path, message: `unknown service "${slug}"` }]);
  authorize(
    actor,
    action,
    { teamId: service.teamId },
    `${action === "ingest" ? "send SLI samples for" : "define SLOs for"} service "${slug}"`,
  );
  return service;
}

export async function createSlo(input: TSloInput, actor: Actor, source = "api") {
  const service = await serviceFor(input.service, actor, "slo.define");
  try {
    return await prisma.$transaction(async (tx) => {
      const slo = await tx.slo.create({
        data: {
          serviceId: service.id,
          name: input.name,
          objective: input.objective,
          windowDays: input.windowDays,
          calendarWindow: input.calendarWindow ?? null,
          description: input.description ?? null,
          source,
        },
        select: sloSelect,
      });
      await recordAudit(tx, actor, {
        action: "slo.create",
        entityType: "slo",
        entityId: slo.id,
        serviceId: service.id,
        data: { ...input },
      });
      return slo;
    });
  } catch (error) {
    mapPrismaError(error, `SLO "${input.name}" of ${input.service}`);
  }
}

export async function updateSlo(id: string, patch: Partial<Omit<TSloInput, "service">>, actor: Actor) {
  const current = await prisma.slo.findUnique({ where: { id }, select: sloSelect });
  if (!current) throw notFound("SLO");
  authorize(actor, "slo.define", { teamId: current.service.teamId }, "edit this SLO");
  try {
    return await prisma.$transaction(async (tx) => {
      const slo = await tx.slo.update({
        where: { id },
        data: { ...patch, description: patch.description === undefined ? undefined : (patch.description ?? null) },
        select: sloSelect,
      });
      await recordAudit(tx, actor, { action: "slo.update", entityType: "slo", entityId: id, data: { ...patch } });
      return slo;
    });
  } catch (error) {
    mapPrismaError(error, `SLO "${patch.name}"`);
  }
}

/** Validated SLI samples for one SLO, written with their rollups (a repeated start replaces the sample). */
export async function recordSli(input: TSliInput, actor: Actor, now = new Date()): Promise<{ accepted: number }> {
  const service = await serviceFor(input.service, actor, "ingest");
  const slo = await prisma.slo.findUnique({
    where: { serviceId_name: { serviceId: service.id, name: input.slo } },
    select: { id: true },
  });
  if (!slo)
    throw new AppError("validation_failed", "1 field is invalid", [
      { path: "slo", message: `service "${input.service}" has no SLO "${input.slo}"` },
    ]);
  const oldest = now.getTime() - RAW_RETENTION_DAYS * DAY;
  const details = input.samples.flatMap((s, i) => {
    const t = new Date(s.start).getTime();
    if (t < oldest)
      return [{ path: `samples.${i}.start`, message: `is older than the ${RAW_RETENTION_DAYS}-day raw retention` }];
    if (t > now.getTime() + 5 * 60_000) return [{ path: `samples.${i}.start`, message: "is in the future" }];
    return [];
  });
  if (details.length)
    throw new AppError(
      "validation_failed",
      details.length === 1 ? "1 field is invalid" : `${details.length} fields are invalid`,
      details,
    );
  const accepted = await writeSamples(
    slo.id,
    input.samples.map((s) => ({
      start: new Date(s.start),
      durationSeconds: s.durationSeconds,
      good: s.good,
      total: s.total,
    })),
  );
  return { accepted };
}

export type SloRow = {
  id: string;
  name: string;
  objective: number;
  windowDays: number;
  calendarWindow: string | null;
  description: string | null;
  source: string;
  service: { slug: string; teamId: string };
};

/** The stored window as the domain reads it (only "month" is a calendar window). */
export const windowOf = (slo: { windowDays: number; calendarWindow: string | null }): SloWindowSpec => ({
  windowDays: slo.windowDays,
  calendarWindow: slo.calendarWindow === "month" ? "month" : null,
});

/**
 * The state of an SLO that `createSlo` or `updateSlo` just wrote, for that write's response. Whoever
 * was allowed to define the SLO sees it, read scope or not: an ingest token that may define SLOs
 * must not get a 403 for a write that succeeded.
 */
export function evaluateWritten(slo: SloRow, at: Date): Promise<SloEvaluation> {
  return evaluate(systemActor("slo-write"), slo, at);
}

export async function evaluate(actor: Actor | null, slo: SloRow, at: Date): Promise<SloEvaluation> {
  authorize(actor, "read");
  const sums = await sloSums(slo.id, windowOf(slo), at);
  return evaluateSlo(
    { id: slo.id, service: slo.service.slug, name: slo.name, objective: slo.objective, ...windowOf(slo) },
    sums,
  );
}

export async function listServiceSlos(actor: Actor | null, serviceId: string) {
  authorize(actor, "read");
  return prisma.slo.findMany({ where: { serviceId }, orderBy: { name: "asc" }, select: sloSelect });
}

/** Every SLO of a service evaluated at `at` (the contract's SLO objects). */
export async function evaluateServiceSlos(
  actor: Actor | null,
  serviceSlug: string,
  at: Date,
): Promise<SloEvaluation[] | null> {
  authorize(actor, "read");
  const service = await prisma.service.findUnique({ where: { slug: serviceSlug }, select: { id: true } });
  if (!service) return null;
  return Promise.all((await listServiceSlos(actor, service.id)).map((s) => evaluate(actor, s, at)));
}

const STATUS_RANK: Record<SloStatus, number> = { exhausted: 0, burning: 1, no_data: 2, healthy: 3 };

/** A team's SLOs, worst first: exhausted, burning, no data, then by remaining budget. */
export async function evaluateTeamSlos(actor: Actor | null, teamId: string, at: Date) {
  authorize(actor, "read");
  const slos = await prisma.slo.findMany({
    where: { service: { teamId, archivedAt: null } },
    select: { ...sloSelect, service: { select: { slug: true, teamId: true, name: true, tier: true } } },
  });
  const evaluated = await Promise.all(
    slos.map(async (s) => ({
      serviceName: s.service.name,
      tier: s.service.tier,
      evaluation: await evaluate(actor, s, at),
    })),
  );
  return evaluated.sort(
    (a, b) =>
      STATUS_RANK[a.evaluation.status] - STATUS_RANK[b.evaluation.status] ||
      (a.evaluation.remaining ?? 2) - (b.evaluation.remaining ?? 2) ||
      a.serviceName.localeCompare(b.serviceName),
  );
}

/** Daily burn-down over the SLO window ending at `at`, with the ideal line. */
export async function burnDownSeries(actor: Actor | null, slo: SloRow, at: Date) {
  authorize(actor, "read");
  // A rolling window ends at the next midnight; a calendar month is drawn whole, the future empty.
  const range = chartWindow(windowOf(slo), at.getTime());
  const start = new Date(range.start);
  const end = new Date(range.end);
  const days = await rollupSeries(slo.id, "day", start, end);
  const byDay = new Map(days.map((d) => [d.bucket.getTime(), d]));
  const steps = Array.from({ length: range.days }, (_, i) => {
    const s = new Date(start.getTime() + i * DAY);
    const row = byDay.get(s.getTime());
    return { start: s, good: row?.good ?? 0, total: row?.total ?? 0, hasData: Boolean(row && row.total > 0) };
  });
  return burnDown(steps, errorBudget(slo.objective), at);
}

/** Hourly burn rate over the last `days` days (one point per hour, null without traffic). */
export async function burnRateSeries(actor: Actor | null, slo: SloRow, at: Date, days = 7) {
  authorize(actor, "read");
  const end = new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
  const start = new Date(end.getTime() - days * DAY);
  const rows = await rollupSeries(slo.id, "hour", start, end);
  const byHour = new Map(rows.map((r) => [r.bucket.getTime(), r]));
  const budget = errorBudget(slo.objective);
  return Array.from({ length: days * 24 }, (_, i) => {
    const h = new Date(start.getTime() + i * 3_600_000);
    const row = byHour.get(h.getTime());
    return { at: h, burnRate: row ? burnRate(errorRatio(row), budget) : null };
  });
}

/** The per-service error-budget policy: what happens when a budget is exhausted (platform team). */
export async function setErrorBudgetPolicy(serviceSlug: string, policy: string | null, actor: Actor) {
  authorize(actor, "policy.edit", null, "edit error-budget policies");
  const service = await prisma.service.findUnique({ where: { slug: serviceSlug }, select: { id: true } });
  if (!service) throw notFound(`Service "${serviceSlug}"`);
  await prisma.$transaction(async (tx) => {
    await tx.service.update({ where: { id: service.id }, data: { errorBudgetPolicy: policy } });
    await recordAudit(tx, actor, {
      action: "policy.update",
      entityType: "service",
      entityId: service.id,
      serviceId: service.id,
      data: { policy },
    });
  });
}
