import "server-only";
import { prisma } from "@/lib/core/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { notFound } from "@/lib/core/errors";
import { recordAudit } from "@/lib/core/db/audit";
import { sealSecret } from "@/lib/core/secret-box";
import { serverEnv } from "@/lib/core/env";
import { QUEUES, runningBoss } from "@/lib/core/jobs";
import type { PrometheusQueries } from "@/lib/slo/sources/prometheus";
import type { TSloSourceInput } from "@/lib/slo/schemas";

// Connecting an SLO to a Prometheus-compatible API. The platform team connects sources (they reach
// into the network Shipshape runs in); the credentials are sealed at rest and never shown again.
// Changing the URL or the queries starts the history again: the next run backfills the raw retention.

const sourceSelect = {
  url: true,
  authSealed: true,
  goodQuery: true,
  errorQuery: true,
  totalQuery: true,
  cursor: true,
  lastRunAt: true,
  lastSuccessAt: true,
  lastError: true,
  lastErrorAt: true,
  lastWritten: true,
  lastMissing: true,
  createdAt: true,
} as const;

type SourceRow = Prisma.SloSourceGetPayload<{ select: typeof sourceSelect }>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The API's view of a source: where it reads, how it went, never the credentials. */
export function toSourceDto(s: SourceRow) {
  const defaultUrl = serverEnv().PROMETHEUS_URL ?? null;
  return {
    url: s.url,
    effectiveUrl: s.url ?? defaultUrl,
    hasAuthorization: s.url ? s.authSealed !== null : Boolean(serverEnv().PROMETHEUS_AUTHORIZATION),
    goodQuery: s.goodQuery,
    errorQuery: s.errorQuery,
    totalQuery: s.totalQuery,
    readUntil: iso(s.cursor),
    lastRunAt: iso(s.lastRunAt),
    lastSuccessAt: iso(s.lastSuccessAt),
    lastError: s.lastError,
    lastErrorAt: iso(s.lastErrorAt),
    lastWritten: s.lastWritten,
    lastMissing: s.lastMissing,
    createdAt: s.createdAt.toISOString(),
  };
}
export type SloSourceDto = ReturnType<typeof toSourceDto>;

async function sloFor(sloId: string) {
  const slo = await prisma.slo.findUnique({
    where: { id: sloId },
    select: { id: true, serviceId: true, service: { select: { teamId: true } } },
  });
  if (!slo) throw notFound("SLO");
  return slo;
}

export async function getSloSource(sloId: string, actor: Actor | null): Promise<SloSourceDto | null> {
  authorize(actor, "read");
  await sloFor(sloId);
  const source = await prisma.sloSource.findUnique({ where: { sloId }, select: sourceSelect });
  return source ? toSourceDto(source) : null;
}

/** Creates or replaces an SLO's source; a new URL or new queries read the history again. */
export async function setSloSource(sloId: string, input: TSloSourceInput, actor: Actor): Promise<SloSourceDto> {
  const slo = await sloFor(sloId);
  authorize(actor, "source.manage", { teamId: slo.service.teamId }, "connect an SLO to a metrics source");
  const data = {
    url: input.url,
    authSealed: input.authorization ? sealSecret(input.authorization) : null,
    goodQuery: input.goodQuery ?? null,
    errorQuery: input.errorQuery ?? null,
    totalQuery: input.totalQuery,
  };
  const saved = await prisma.$transaction(async (tx) => {
    const before = await tx.sloSource.findUnique({ where: { sloId }, select: sourceSelect });
    const changed =
      !before ||
      before.url !== data.url ||
      before.goodQuery !== data.goodQuery ||
      before.errorQuery !== data.errorQuery ||
      before.totalQuery !== data.totalQuery;
    const reset = changed ? { cursor: null, lastError: null, lastErrorAt: null } : {};
    const row = await tx.sloSource.upsert({
      where: { sloId },
      create: { sloId, ...data },
      update: { ...data, ...reset },
      select: sourceSelect,
    });
    await recordAudit(tx, actor, {
      action: "slo.source.set",
      entityType: "slo",
      entityId: sloId,
      serviceId: slo.serviceId,
      data: { ...data, authSealed: undefined, authorization: input.authorization ? "(set)" : null },
    });
    return row;
  });
  await queuePull();
  return toSourceDto(saved);
}

/** Asks the job runner, where this process runs one, to pull now rather than at the next 5 minutes. */
async function queuePull(): Promise<void> {
  const boss = await runningBoss()?.catch(() => undefined);
  await boss?.send(QUEUES.pull, {}, { singletonKey: "pull-now", singletonSeconds: 30 }).catch(() => undefined);
}

export async function removeSloSource(sloId: string, actor: Actor): Promise<void> {
  const slo = await sloFor(sloId);
  authorize(actor, "source.manage", { teamId: slo.service.teamId }, "disconnect an SLO from its metrics source");
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.sloSource.deleteMany({ where: { sloId } });
    if (count === 0) throw notFound("Source of this SLO");
    await recordAudit(tx, actor, {
      action: "slo.source.remove",
      entityType: "slo",
      entityId: sloId,
      serviceId: slo.serviceId,
      data: {},
    });
  });
}

/**
 * The queries an imported OpenSLO or Sloth document carried, kept on its SLO. The URL is the import's
 * (platform users), or none: the server's PROMETHEUS_URL. A re-import without a URL keeps the one set.
 */
export async function keepImportedQueries(
  tx: Prisma.TransactionClient,
  sloId: string,
  queries: PrometheusQueries,
  url: string | null,
): Promise<boolean> {
  const data = {
    goodQuery: "goodQuery" in queries ? queries.goodQuery : null,
    errorQuery: "errorQuery" in queries ? queries.errorQuery : null,
    totalQuery: queries.totalQuery,
  };
  const before = await tx.sloSource.findUnique({ where: { sloId }, select: sourceSelect });
  const nextUrl = url ?? before?.url ?? null;
  const changed =
    !before ||
    before.url !== nextUrl ||
    before.goodQuery !== data.goodQuery ||
    before.errorQuery !== data.errorQuery ||
    before.totalQuery !== data.totalQuery;
  if (!changed) return false;
  await tx.sloSource.upsert({
    where: { sloId },
    create: { sloId, url: nextUrl, ...data },
    update: {
      ...data,
      url: nextUrl,
      ...(url !== null && url !== before?.url ? { authSealed: null } : {}),
      cursor: null,
      lastError: null,
      lastErrorAt: null,
    },
  });
  return true;
}

/** Every pulled source with its SLO and service, failing ones first (the Integrations page). */
export async function listSloSources(actor: Actor | null) {
  authorize(actor, "source.manage", null, "see the metrics sources");
  const rows = await prisma.sloSource.findMany({
    select: {
      ...sourceSelect,
      slo: { select: { name: true, service: { select: { slug: true, name: true } } } },
    },
    orderBy: [{ lastErrorAt: { sort: "desc", nulls: "last" } }, { createdAt: "asc" }],
  });
  return rows.map((r) => ({ slo: r.slo.name, service: r.slo.service, ...toSourceDto(r) }));
}
