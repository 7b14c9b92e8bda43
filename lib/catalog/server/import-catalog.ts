import "server-only";
import { isDeepStrictEqual } from "node:util";
import { prisma } from "@/lib/core/db/client";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { isAppError } from "@/lib/core/errors";
import { parseBackstageCatalog, type CatalogProblem } from "@/lib/catalog/sources/backstage";
import { toDbServiceType, type TServiceInput, type TTeamInput } from "@/lib/catalog/schemas";
import { recordAudit } from "@/lib/core/db/audit";
import { repositoryKey } from "@/lib/core/repository-key";
import { createService, updateService } from "./services";

export type CatalogImportResult = { created: number; updated: number; skipped: number; errors: CatalogProblem[] };

export async function importTeam(team: TTeamInput, actor: Actor): Promise<"created" | "updated" | "unchanged"> {
  return prisma.$transaction(async (tx) => {
    const current = await tx.team.findUnique({ where: { slug: team.slug } });
    if (!current) {
      const created = await tx.team.create({
        data: { slug: team.slug, name: team.name, description: team.description ?? null },
      });
      await recordAudit(tx, actor, {
        action: "team.create",
        entityType: "team",
        entityId: created.id,
        data: { ...team, source: "backstage" },
      });
      return "created";
    }
    if (current.name === team.name && (current.description ?? null) === (team.description ?? null)) return "unchanged";
    await tx.team.update({
      where: { id: current.id },
      data: { name: team.name, description: team.description ?? null },
    });
    await recordAudit(tx, actor, {
      action: "team.update",
      entityType: "team",
      entityId: current.id,
      data: { ...team, source: "backstage" },
    });
    return "updated";
  });
}

export async function importService(
  service: TServiceInput,
  actor: Actor,
): Promise<"created" | "updated" | "unchanged"> {
  const current = await prisma.service.findUnique({
    where: { slug: service.slug },
    include: { team: { select: { slug: true } } },
  });
  if (!current) {
    await createService(service, actor);
    return "created";
  }
  const wanted: Record<string, unknown> = {
    name: service.name,
    team: service.team,
    tier: service.tier,
    lifecycle: service.lifecycle,
    type: toDbServiceType(service.type),
    description: service.description ?? null,
    repoUrl: service.repoUrl ?? null,
    runbookUrl: service.runbookUrl ?? null,
    dashboardUrl: service.dashboardUrl ?? null,
    onCall: service.onCall ?? null,
    pagerdutyServiceId: service.pagerdutyServiceId ?? null,
  };
  const existing: Record<string, unknown> = { ...current, team: current.team.slug, repoSlug: undefined };
  // Monorepo paths and labels change only when the entity says them (shipshape.dev/repo-paths, …).
  const listDiffers = (next: string[] | undefined, now: string[]) =>
    next !== undefined && next.join("\n") !== now.join("\n");
  const differs =
    Object.keys(wanted).some((k) => wanted[k] !== existing[k]) ||
    repositoryKey(service.repoUrl) !== current.repoSlug ||
    listDiffers(service.repoPaths, current.repoPaths) ||
    listDiffers(service.repoLabels, current.repoLabels) ||
    (service.tags !== undefined && !isDeepStrictEqual(service.tags, current.tags));
  if (!differs) return "unchanged";
  const { slug: _slug, ...patch } = service;
  await updateService(current.slug, patch, actor);
  return "updated";
}

/** Imports a multi-document Backstage catalog. Each document stands alone: good ones import even when others fail. */
export async function importBackstageCatalog(yamlText: string, actor: Actor): Promise<CatalogImportResult> {
  authorize(actor, "catalog.import", null, "import the catalog");
  const parsed = parseBackstageCatalog(yamlText);
  const result: CatalogImportResult = {
    created: 0,
    updated: 0,
    skipped: parsed.skipped.length,
    errors: [...parsed.errors],
  };
  const count = (outcome: "created" | "updated" | "unchanged") => {
    if (outcome === "unchanged") result.skipped++;
    else result[outcome]++;
  };
  // Teams first, so components can name owners defined later in the same file.
  const ordered = [...parsed.entities].sort((a, b) =>
    a.kind === b.kind ? a.index - b.index : a.kind === "team" ? -1 : 1,
  );
  for (const entity of ordered) {
    try {
      count(entity.kind === "team" ? await importTeam(entity.value, actor) : await importService(entity.value, actor));
    } catch (error) {
      if (!isAppError(error)) throw error;
      result.errors.push({
        index: entity.index,
        message: `${entity.kind === "team" ? "Group" : "Component"} ${entity.value.slug}: ${error.details?.[0] ? `${error.details[0].path} ${error.details[0].message}` : error.message}`,
      });
    }
  }
  result.errors.sort((a, b) => a.index - b.index);
  return result;
}
