import "server-only";
import { prisma } from "@/lib/core/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { AppError, isAppError } from "@/lib/core/errors";
import { serverEnv } from "@/lib/core/env";
import {
  CatalogFetchError,
  fetchBackstageEntities,
  fetchCatalogYaml,
  isYamlSource,
  parseBackstageEntities,
} from "@/lib/catalog/sources";
import { importService, importTeam } from "./import-catalog";
import { updateService } from "./services";

// The scheduled catalog sync: Backstage's catalog API, or catalog-info.yaml URLs, made the truth for
// the services it manages. Entities create and update teams and services (an owner change moves the
// service, audited); a managed service whose entity is gone is archived, never deleted, and comes
// back when its entity does. A service the sync does not manage (another sync's) is never touched:
// its entity is reported as a conflict. A catalog that cannot be read, or lists no components,
// changes nothing.

export type CatalogSyncProblem = { entity: string; message: string };
export type CatalogSyncResult = {
  id: string;
  source: string;
  startedAt: string;
  finishedAt: string | null;
  created: number;
  updated: number;
  archived: number;
  unchanged: number;
  problems: CatalogSyncProblem[];
  error: string | null;
};

export type CatalogSyncSource = {
  url: string;
  token: string | null;
  /** Entities per request to a Backstage catalog (default 500). */
  pageSize?: number;
};

/** The configured source (CATALOG_SYNC_URL, CATALOG_SYNC_TOKEN), or null when the sync is off. */
export function configuredCatalogSource(): CatalogSyncSource | null {
  const env = serverEnv();
  return env.CATALOG_SYNC_URL ? { url: env.CATALOG_SYNC_URL, token: env.CATALOG_SYNC_TOKEN ?? null } : null;
}

async function readCatalog(source: CatalogSyncSource): Promise<unknown[]> {
  if (isYamlSource(source.url))
    return fetchCatalogYaml(
      source.url.split(",").map((u) => u.trim()),
      source.token,
    );
  return fetchBackstageEntities(source.url, source.token, source.pageSize);
}

const toResult = (r: Prisma.CatalogSyncRunGetPayload<object>): CatalogSyncResult => ({
  id: r.id,
  source: r.source,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  created: r.created,
  updated: r.updated,
  archived: r.archived,
  unchanged: r.unchanged,
  problems: r.problems as CatalogSyncProblem[],
  error: r.error,
});

export async function syncCatalog(actor: Actor, source: CatalogSyncSource): Promise<CatalogSyncResult> {
  authorize(actor, "catalog.import", null, "sync the catalog");
  const run = await prisma.catalogSyncRun.create({ data: { source: source.url } });
  const finish = async (data: Omit<Prisma.CatalogSyncRunUpdateInput, "finishedAt">) =>
    toResult(await prisma.catalogSyncRun.update({ where: { id: run.id }, data: { ...data, finishedAt: new Date() } }));

  let raws: unknown[];
  try {
    raws = await readCatalog(source);
  } catch (error) {
    if (!(error instanceof CatalogFetchError)) throw error;
    return finish({ error: `${error.message}; nothing was changed` });
  }
  const parsed = parseBackstageEntities(raws.map((value, index) => ({ index, value })));
  const nameOf = (index: number) => {
    const meta = (raws[index] as { kind?: unknown; metadata?: { name?: unknown } } | null) ?? null;
    return `${String(meta?.kind ?? "entity")} ${String(meta?.metadata?.name ?? `#${index + 1}`)}`;
  };
  const problems: CatalogSyncProblem[] = parsed.errors.map((e) => ({ entity: nameOf(e.index), message: e.message }));
  const services = parsed.entities.flatMap((e) => (e.kind === "service" ? [e] : []));
  if (services.length === 0)
    return finish({
      problems: problems as unknown as Prisma.InputJsonValue,
      error: "the catalog lists no components; nothing was changed (an empty answer would archive every service)",
    });

  const counts = { created: 0, updated: 0, unchanged: 0, archived: 0 };
  const add = (outcome: "created" | "updated" | "unchanged") => counts[outcome]++;
  for (const team of parsed.entities.flatMap((e) => (e.kind === "team" ? [e] : []))) {
    try {
      add(await importTeam(team.value, actor));
    } catch (error) {
      if (!isAppError(error)) throw error;
      problems.push({ entity: `Group ${team.value.slug}`, message: error.message });
    }
  }
  const seen = new Set<string>();
  for (const { value, index } of services) {
    const entity = `Component ${value.slug}`;
    if (seen.has(value.slug)) {
      problems.push({ entity, message: `listed twice (entity ${index + 1}); the first one was applied` });
      continue;
    }
    seen.add(value.slug);
    const current = await prisma.service.findUnique({
      where: { slug: value.slug },
      select: { catalogSource: true, archivedAt: true },
    });
    if (current?.catalogSource && current.catalogSource !== source.url) {
      problems.push({ entity, message: `is managed by another catalog sync (${current.catalogSource}); not changed` });
      continue;
    }
    try {
      let outcome = await importService(value, actor);
      // Taken over by this sync (made by hand or imported once before), or back from the archive.
      if (current?.archivedAt && current.catalogSource === source.url) {
        await updateService(value.slug, { archived: false }, actor);
        if (outcome === "unchanged") outcome = "updated";
      }
      await prisma.service.update({ where: { slug: value.slug }, data: { catalogSource: source.url } });
      add(outcome);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const detail = error.details?.[0];
      problems.push({ entity, message: detail ? `${detail.path} ${detail.message}` : error.message });
    }
  }
  // What this sync manages and the catalog no longer lists: archived, its history kept.
  const gone = await prisma.service.findMany({
    where: { catalogSource: source.url, archivedAt: null, slug: { notIn: [...seen] } },
    select: { slug: true },
  });
  for (const { slug } of gone) {
    await updateService(slug, { archived: true }, actor);
    counts.archived++;
  }
  return finish({ ...counts, problems: problems as unknown as Prisma.InputJsonValue });
}

/** `POST /api/v1/catalog/sync`: the configured catalog, now (a 409 when none is configured). */
export async function syncConfiguredCatalog(actor: Actor): Promise<CatalogSyncResult> {
  authorize(actor, "catalog.import", null, "sync the catalog");
  const source = configuredCatalogSource();
  if (!source) throw new AppError("conflict", "The catalog sync is not configured: set CATALOG_SYNC_URL on the server");
  return syncCatalog(actor, source);
}

/** The latest runs, newest first (the Integrations page). */
export async function recentCatalogSyncs(actor: Actor | null, take = 5): Promise<CatalogSyncResult[]> {
  authorize(actor, "catalog.import", null, "see the catalog sync");
  const runs = await prisma.catalogSyncRun.findMany({ orderBy: { startedAt: "desc" }, take });
  return runs.map(toResult);
}
