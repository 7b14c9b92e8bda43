import "server-only";
// Custom facts: a JSON value per service and key, written by CI jobs and scanners (coverage,
// vulnerabilities by severity, base-image age…) and read by expression rules. A write that changes
// the value adds a revision; one that repeats it only marks the fact as freshly reported.
import { isDeepStrictEqual } from "node:util";
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/lib/core/db/client";
import { type Actor, actorLabel, authorize } from "@/lib/core/auth/permissions";
import { AppError, notFound } from "@/lib/core/errors";
import { MAX_FACT_BYTES, type TFactBatch } from "@/lib/catalog/schemas";

export type TFactDto = {
  service: string;
  key: string;
  value: Prisma.JsonValue;
  /** When the value last changed. */
  updatedAt: string;
  /** When it was last written, changed or not. */
  reportedAt: string;
  reportedBy: string;
};

export type TFactRevisionDto = {
  value: Prisma.JsonValue;
  deleted: boolean;
  recordedAt: string;
  recordedBy: string;
};

type FactRow = {
  key: string;
  value: Prisma.JsonValue;
  updatedAt: Date;
  reportedAt: Date;
  reportedBy: string;
};

function toFactDto(service: string, row: FactRow): TFactDto {
  return {
    service,
    key: row.key,
    value: row.value,
    updatedAt: row.updatedAt.toISOString(),
    reportedAt: row.reportedAt.toISOString(),
    reportedBy: row.reportedBy,
  };
}

/** The value's size as stored (its JSON text), refused above 64 KiB. */
export function assertFactSize(value: unknown, path = "value"): void {
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
  if (bytes > MAX_FACT_BYTES)
    throw new AppError("payload_too_large", `A fact's value may be at most 64 KiB; ${path} is ${bytes} bytes`, [
      { path, message: `is ${bytes} bytes; the limit is ${MAX_FACT_BYTES}` },
    ]);
}

const toJsonInput = (value: Prisma.JsonValue): Prisma.InputJsonValue | typeof Prisma.JsonNull =>
  value === null ? Prisma.JsonNull : (value as Prisma.InputJsonValue);

type Target = { id: string; slug: string; teamId: string };

async function findTargets(slugs: string[]): Promise<Map<string, Target>> {
  const rows = await prisma.service.findMany({
    where: { slug: { in: [...new Set(slugs)] } },
    select: { id: true, slug: true, teamId: true },
  });
  return new Map(rows.map((r) => [r.slug, r]));
}

type WriteOutcome = "created" | "updated" | "unchanged";

/** One fact's write inside the caller's transaction; the fact's row is locked first. */
async function writeFact(
  tx: Prisma.TransactionClient,
  actor: Actor,
  target: Target,
  key: string,
  value: Prisma.JsonValue,
  now: Date,
): Promise<{ outcome: WriteOutcome; row: FactRow }> {
  // Two first writes of the same fact would both find nothing; the lock orders them.
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('fact'), hashtext(${`${target.id}/${key}`}))`;
  const current = await tx.serviceFact.findUnique({ where: { serviceId_key: { serviceId: target.id, key } } });
  const changed = !current || !isDeepStrictEqual(current.value, value);
  const by = actorLabel(actor);
  const tokenId = actor.kind === "token" ? actor.id : null;
  const row = await tx.serviceFact.upsert({
    where: { serviceId_key: { serviceId: target.id, key } },
    create: {
      serviceId: target.id,
      key,
      value: toJsonInput(value),
      updatedAt: now,
      reportedAt: now,
      reportedBy: by,
      tokenId,
    },
    update: {
      ...(changed ? { value: toJsonInput(value), updatedAt: now } : {}),
      reportedAt: now,
      reportedBy: by,
      tokenId,
    },
    select: { key: true, value: true, updatedAt: true, reportedAt: true, reportedBy: true },
  });
  if (changed)
    await tx.serviceFactRevision.create({
      data: { serviceId: target.id, key, value: toJsonInput(value), recordedAt: now, recordedBy: by, tokenId },
    });
  return { outcome: !current ? "created" : changed ? "updated" : "unchanged", row };
}

/** PUT /api/v1/services/{slug}/facts/{key}: 201 when the fact is new, 200 otherwise. */
export async function putFact(actor: Actor, slug: string, key: string, value: unknown) {
  assertFactSize(value);
  const target = (await findTargets([slug])).get(slug);
  if (!target) throw notFound(`Service "${slug}"`);
  authorize(actor, "ingest", { teamId: target.teamId }, "write this service's facts");
  const { outcome, row } = await prisma.$transaction((tx) =>
    writeFact(tx, actor, target, key, value as Prisma.JsonValue, new Date()),
  );
  return { created: outcome === "created", changed: outcome !== "unchanged", fact: toFactDto(slug, row) };
}

/**
 * POST /api/v1/facts: many services' facts at once, all or nothing. Every service must exist and
 * be writable by the caller (a team-bound token: its own team's) before anything is written.
 */
export async function putFacts(actor: Actor, batch: TFactBatch) {
  batch.facts.forEach((f, i) => assertFactSize(f.value, `facts.${i}.value`));
  const seen = new Set<string>();
  const details = batch.facts.flatMap((f, i) => {
    const id = `${f.service}/${f.key}`;
    if (seen.has(id)) return [{ path: `facts.${i}`, message: `repeats ${id}` }];
    seen.add(id);
    return [];
  });
  if (details.length) throw new AppError("validation_failed", "A batch may set each fact once", details);
  const targets = await findTargets(batch.facts.map((f) => f.service));
  const missing = batch.facts.flatMap((f, i) =>
    targets.has(f.service) ? [] : [{ path: `facts.${i}.service`, message: `no service "${f.service}"` }],
  );
  if (missing.length)
    throw new AppError("validation_failed", "Some facts name services that do not exist; nothing was written", missing);
  for (const target of targets.values())
    authorize(actor, "ingest", { teamId: target.teamId }, `write the facts of ${target.slug}`);
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const now = new Date();
  // Locks in one order, so two batches over the same facts cannot deadlock.
  const ordered = [...batch.facts].sort((a, b) =>
    a.service === b.service ? (a.key < b.key ? -1 : 1) : a.service < b.service ? -1 : 1,
  );
  await prisma.$transaction(
    async (tx) => {
      for (const f of ordered)
        counts[
          (await writeFact(tx, actor, targets.get(f.service)!, f.key, f.value as Prisma.JsonValue, now)).outcome
        ]++;
    },
    { timeout: 60_000 },
  );
  return counts;
}

async function readableTarget(actor: Actor | null, slug: string): Promise<Target> {
  authorize(actor, "read");
  const target = (await findTargets([slug])).get(slug);
  if (!target) throw notFound(`Service "${slug}"`);
  return target;
}

/** GET …/facts/{key}: the value, when and by what it was written, and its latest revisions. */
export async function getFact(actor: Actor | null, slug: string, key: string, historyLimit = 20) {
  const target = await readableTarget(actor, slug);
  const [row, history, revisionCount] = await Promise.all([
    prisma.serviceFact.findUnique({ where: { serviceId_key: { serviceId: target.id, key } } }),
    prisma.serviceFactRevision.findMany({
      where: { serviceId: target.id, key },
      orderBy: { id: "desc" },
      take: historyLimit,
    }),
    prisma.serviceFactRevision.count({ where: { serviceId: target.id, key } }),
  ]);
  if (!row) throw notFound(`Fact "${key}" of service "${slug}"`);
  return {
    ...toFactDto(slug, row),
    revisionCount,
    history: history.map((h): TFactRevisionDto => ({
      value: h.value,
      deleted: h.deleted,
      recordedAt: h.recordedAt.toISOString(),
      recordedBy: h.recordedBy,
    })),
  };
}

/** GET …/facts: every fact of the service, by key. */
export async function listFacts(actor: Actor | null, slug: string): Promise<TFactDto[]> {
  const target = await readableTarget(actor, slug);
  const rows = await prisma.serviceFact.findMany({ where: { serviceId: target.id }, orderBy: { key: "asc" } });
  return rows.map((r) => toFactDto(slug, r));
}

/** The facts of one service with each one's latest revisions, for its Facts tab. */
export async function listFactsWithHistory(actor: Actor | null, serviceId: string, perFact = 10) {
  authorize(actor, "read");
  const [facts, history] = await Promise.all([
    prisma.serviceFact.findMany({ where: { serviceId }, orderBy: { key: "asc" } }),
    prisma.$queryRaw<
      Array<{ key: string; value: Prisma.JsonValue; deleted: boolean; recordedAt: Date; recordedBy: string }>
    >`
      select key, value, deleted, "recordedAt", "recordedBy" from (
        select *, row_number() over (partition by key order by id desc) as n
        from "ServiceFactRevision" where "serviceId" = ${serviceId}::uuid
      ) r where n <= ${perFact} order by key, id desc`,
  ]);
  return facts.map((f) => ({ ...f, history: history.filter((h) => h.key === f.key) }));
}

/** DELETE …/facts/{key}: the fact goes; its history keeps a "deleted" revision. */
export async function deleteFact(actor: Actor, slug: string, key: string): Promise<void> {
  const target = (await findTargets([slug])).get(slug);
  if (!target) throw notFound(`Service "${slug}"`);
  authorize(actor, "ingest", { teamId: target.teamId }, "delete this service's facts");
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('fact'), hashtext(${`${target.id}/${key}`}))`;
    const removed = await tx.serviceFact.deleteMany({ where: { serviceId: target.id, key } });
    if (removed.count === 0) throw notFound(`Fact "${key}" of service "${slug}"`);
    await tx.serviceFactRevision.create({
      data: {
        serviceId: target.id,
        key,
        value: Prisma.DbNull,
        deleted: true,
        recordedBy: actorLabel(actor),
        tokenId: actor.kind === "token" ? actor.id : null,
      },
    });
  });
}
