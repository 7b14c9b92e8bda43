import "server-only";
import { prisma } from "@/lib/core/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { AppError, type ErrorDetail } from "@/lib/core/errors";
import type { TDeploymentInput, TIncidentRecord } from "@/lib/delivery/schemas";
import { recordAudit } from "@/lib/core/db/audit";

type ServiceRef = { id: string; teamId: string; slug: string };

/**
 * Resolves service slugs and checks the actor may write each one. An unknown service is a
 * validation error at its index; a service of another team is a 403. Either way nothing is written.
 */
async function authorisedServices(slugs: string[], actor: Actor, collection: string): Promise<Map<string, ServiceRef>> {
  const unique = [...new Set(slugs)];
  const rows = await prisma.service.findMany({
    where: { slug: { in: unique } },
    select: { id: true, teamId: true, slug: true },
  });
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const details: ErrorDetail[] = slugs.flatMap((slug, i) =>
    bySlug.has(slug)
      ? []
      : [
          {
            path: slugs.length === 1 && collection === "" ? "service" : `${collection}.${i}.service`,
            message: `unknown service "${slug}"`,
          },
        ],
  );
  if (details.length)
    throw new AppError(
      "validation_failed",
      details.length === 1 ? "1 field is invalid" : `${details.length} fields are invalid`,
      details,
    );
  for (const service of rows) {
    authorize(actor, "ingest", { teamId: service.teamId }, `write service "${service.slug}"`);
  }
  return bySlug;
}

const iso = (s: string | null | undefined) => (s ? new Date(s).toISOString() : null);

export type IngestResult = { created: number; duplicates: number };

/** All-or-nothing: one transaction; a replay of (service, externalId) is a no-op counted as a duplicate. */
/**
 * A deployment as recorded: a webhook may know that the commits it names are not all it shipped,
 * the sha it deployed, and by which convention it fixes an earlier deployment.
 */
export type TDeploymentRecord = TDeploymentInput & {
  commitsIncomplete?: boolean;
  sha?: string | null;
  fixRule?: FixRule;
};
export type FixRule = "explicit" | "revert" | "rollback" | "hotfix";

export async function recordDeployments(
  items: TDeploymentRecord[],
  actor: Actor,
  opts: { single: boolean; source?: string },
): Promise<IngestResult> {
  const services = await authorisedServices(
    items.map((d) => d.service),
    actor,
    opts.single ? "" : "deployments",
  );
  const source = opts.source ?? "api";
  // First write wins, also inside one batch.
  const seen = new Set<string>();
  const fresh = items.filter((d) => {
    const key = `${d.service}\u0000${d.externalId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const created = await prisma.$transaction(async (tx) => {
    const inserted = await tx.$queryRaw<Array<{ id: string; serviceId: string; externalId: string }>>`
      insert into "Deployment" (id, "serviceId", "externalId", environment, status, "startedAt", "finishedAt", rework, "commitsIncomplete", sha, fixes, "fixRule", source)
      select gen_random_uuid(), sid, ext, env, st, sa, fa, rw, ci, sha, fx, fr, ${source}
      from unnest(${fresh.map((d) => services.get(d.service)!.id)}::uuid[], ${fresh.map((d) => d.externalId)}::text[],
                  ${fresh.map((d) => d.environment)}::text[], ${fresh.map((d) => d.status)}::text[],
                  ${fresh.map((d) => iso(d.startedAt))}::timestamptz[], ${fresh.map((d) => iso(d.finishedAt))}::timestamptz[],
                  ${fresh.map((d) => d.rework ?? false)}::boolean[], ${fresh.map((d) => d.commitsIncomplete ?? false)}::boolean[],
                  ${fresh.map((d) => d.sha ?? null)}::text[], ${fresh.map((d) => d.fixes ?? null)}::text[],
                  ${fresh.map((d) => (d.fixes ? (d.fixRule ?? "explicit") : null))}::text[]) as t(sid, ext, env, st, sa, fa, rw, ci, sha, fx, fr)
      -- "fixes" resolves to the deployment it names, and makes this one rework (trigger: migration 20261203160000)
      on conflict ("serviceId", "externalId") do nothing
      returning id, "serviceId", "externalId"`;
    const idOf = new Map(inserted.map((r) => [`${r.serviceId}\u0000${r.externalId}`, r.id]));
    const commits: Array<{ deploymentId: string; serviceId: string; sha: string; authoredAt: string | null }> = [];
    const prs: Array<{
      deploymentId: string;
      number: number;
      firstCommitAt: string | null;
      openedAt: string | null;
      mergedAt: string | null;
    }> = [];
    for (const d of fresh) {
      const serviceId = services.get(d.service)!.id;
      const deploymentId = idOf.get(`${serviceId}\u0000${d.externalId}`);
      if (!deploymentId) continue; // a replay
      const shas = new Set<string>();
      for (const c of d.commits ?? []) {
        if (shas.has(c.sha)) continue;
        shas.add(c.sha);
        commits.push({ deploymentId, serviceId, sha: c.sha, authoredAt: iso(c.authoredAt) });
      }
      const numbers = new Set<number>();
      for (const pr of d.pullRequests ?? []) {
        if (numbers.has(pr.number)) continue;
        numbers.add(pr.number);
        prs.push({
          deploymentId,
          number: pr.number,
          firstCommitAt: iso(pr.firstCommitAt),
          openedAt: iso(pr.openedAt),
          mergedAt: iso(pr.mergedAt),
        });
      }
    }
    if (commits.length) {
      await tx.$executeRaw`
        insert into "DeploymentCommit" ("deploymentId", "serviceId", sha, "authoredAt")
        select * from unnest(${commits.map((c) => c.deploymentId)}::uuid[], ${commits.map((c) => c.serviceId)}::uuid[], ${commits.map((c) => c.sha)}::text[], ${commits.map((c) => c.authoredAt)}::timestamptz[])`;
    }
    if (prs.length) {
      await tx.$executeRaw`
        insert into "DeploymentPullRequest" ("deploymentId", number, "firstCommitAt", "openedAt", "mergedAt")
        select * from unnest(${prs.map((p) => p.deploymentId)}::uuid[], ${prs.map((p) => p.number)}::int[], ${prs.map((p) => p.firstCommitAt)}::timestamptz[],
                             ${prs.map((p) => p.openedAt)}::timestamptz[], ${prs.map((p) => p.mergedAt)}::timestamptz[])`;
    }
    if (inserted.length) {
      // Incidents that named one of these deployments before it arrived now link to it.
      await tx.$executeRaw`
        update "Incident" i set "causedByDeploymentId" = d.id
        from unnest(${inserted.map((r) => r.id)}::uuid[], ${inserted.map((r) => r.serviceId)}::uuid[], ${inserted.map((r) => r.externalId)}::text[]) as d(id, sid, ext)
        where i."serviceId" = d.sid and i."causedByDeploymentExternalId" = d.ext and i."causedByDeploymentId" is null`;
      await auditIngest(tx, actor, "deployments.ingest", { created: inserted.length, source });
    }
    return inserted.length;
  });
  return { created, duplicates: items.length - created };
}

export type IncidentResult = { created: number; updated: number };

/**
 * Upserts by (service, externalId): a later delivery may resolve the incident, name its cause, or
 * give the start an earlier one did not know. A known start is never overwritten (CONTRACT).
 */
export async function recordIncidents(
  items: TIncidentRecord[],
  actor: Actor,
  opts: { single: boolean; source?: string },
): Promise<IncidentResult> {
  const services = await authorisedServices(
    items.map((i) => i.service),
    actor,
    opts.single ? "" : "incidents",
  );
  const source = opts.source ?? "api";
  // Several deliveries of one incident in a batch: the last one carries the latest state.
  const latest = new Map<string, TIncidentRecord>();
  for (const i of items) latest.set(`${i.service}\u0000${i.externalId}`, i);
  const rows = [...latest.values()];
  const result = await prisma.$transaction(async (tx) => {
    const upserted = await tx.$queryRaw<Array<{ inserted: boolean }>>`
      insert into "Incident" (id, "serviceId", "externalId", title, severity, "startedAt", "resolvedAt", "causedByDeploymentExternalId", "causedByDeploymentId", source, "updatedAt")
      select gen_random_uuid(), t.sid, t.ext, t.ti, t.sev, t.sa, t.ra, t.cext, d.id, ${source}, now()
      from unnest(${rows.map((i) => services.get(i.service)!.id)}::uuid[], ${rows.map((i) => i.externalId)}::text[], ${rows.map((i) => i.title)}::text[],
                  ${rows.map((i) => i.severity ?? null)}::text[], ${rows.map((i) => iso(i.startedAt))}::timestamptz[], ${rows.map((i) => iso(i.resolvedAt))}::timestamptz[],
                  ${rows.map((i) => i.causedByDeployment ?? null)}::text[]) as t(sid, ext, ti, sev, sa, ra, cext)
      left join "Deployment" d on d."serviceId" = t.sid and d."externalId" = t.cext
      on conflict ("serviceId", "externalId") do update set
        title = excluded.title,
        severity = coalesce(excluded.severity, "Incident".severity),
        "startedAt" = coalesce("Incident"."startedAt", excluded."startedAt"),
        "resolvedAt" = coalesce(excluded."resolvedAt", "Incident"."resolvedAt"),
        "causedByDeploymentExternalId" = coalesce(excluded."causedByDeploymentExternalId", "Incident"."causedByDeploymentExternalId"),
        "causedByDeploymentId" = coalesce(excluded."causedByDeploymentId", "Incident"."causedByDeploymentId"),
        "updatedAt" = now()
      returning (xmax = 0) as inserted`;
    const created = upserted.filter((r) => r.inserted).length;
    await auditIngest(tx, actor, "incidents.ingest", { created, updated: upserted.length - created, source });
    return { created, updated: upserted.length - created };
  });
  return result;
}

async function auditIngest(tx: Prisma.TransactionClient, actor: Actor, action: string, data: Prisma.InputJsonValue) {
  await recordAudit(tx, actor, { action, entityType: "ingest", entityId: action, data });
}
