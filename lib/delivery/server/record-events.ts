import "server-only";
import { prisma, primaryRows } from "@/lib/core/db/client";
import { Prisma } from "@/generated/prisma/client";
import { type Actor, actorLabel, authorize } from "@/lib/core/auth/permissions";
import { AppError, type ErrorDetail } from "@/lib/core/errors";
import type { TDeploymentInput, TIncidentRecord } from "@/lib/delivery/schemas";
import { recordAudit } from "@/lib/core/db/audit";

export type ServiceRef = { id: string; teamId: string; slug: string };

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

/** Services the caller read itself, each authorised as authorisedServices does. */
function knownServices(rows: ServiceRef[], actor: Actor): Map<string, ServiceRef> {
  for (const service of rows) authorize(actor, "ingest", { teamId: service.teamId }, `write service "${service.slug}"`);
  return new Map(rows.map((r) => [r.slug, r]));
}

const iso = (s: string | null | undefined) => (s ? new Date(s).toISOString() : null);

export type IngestResult = { created: number; duplicates: number };

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
  opts: {
    single: boolean;
    source?: string;
    /** The services, when the caller has just read them (a webhook's repository): not read again, still authorised. */
    services?: ServiceRef[];
    /** A webhook's delivery id, remembered with what it applied in the same statement ("duplicate" when nothing was new). */
    delivery?: { provider: string; deliveryId: string; outcome: string };
  },
): Promise<IngestResult> {
  const services = opts.services
    ? knownServices(opts.services, actor)
    : await authorisedServices(
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
  const serviceId = (slug: string) => (services.get(slug) as ServiceRef).id;
  const deployments = fresh.map((d) => ({
    sid: serviceId(d.service),
    ext: d.externalId,
    env: d.environment,
    st: d.status,
    sa: iso(d.startedAt),
    fa: iso(d.finishedAt),
    rw: d.rework ?? false,
    ci: d.commitsIncomplete ?? false,
    sha: d.sha ?? null,
    fx: d.fixes ?? null,
    fr: d.fixes ? (d.fixRule ?? "explicit") : null,
  }));
  const commits = fresh.flatMap((d) =>
    [...new Map((d.commits ?? []).map((c) => [c.sha, c])).values()].map((c) => ({
      sid: serviceId(d.service),
      ext: d.externalId,
      sha: c.sha,
      at: iso(c.authoredAt),
    })),
  );
  const prs = fresh.flatMap((d) =>
    [...new Map((d.pullRequests ?? []).map((pr) => [pr.number, pr])).values()].map((pr) => ({
      sid: serviceId(d.service),
      ext: d.externalId,
      number: pr.number,
      first: iso(pr.firstCommitAt),
      opened: iso(pr.openedAt),
      merged: iso(pr.mergedAt),
    })),
  );
  const delivery = opts.delivery ? [opts.delivery] : [];
  // One statement, so one round trip and one commit whatever the batch: the deployments (a replay of
  // (service, externalId) is skipped), the commits and pull requests of those inserted, the audit
  // entry, and a webhook's delivery id. Triggers resolve "fixes", link the incidents that named a
  // deployment before it arrived (migration 20261207150000_deployment_causes_waiting), and log the
  // days to refresh. The rows travel as JSON: one parameter each, which PostgreSQL reads faster
  // than the driver writes a dozen arrays.
  const [{ created }] = await primaryRows<{ created: number }>(Prisma.sql`
    with ins as (
      insert into "Deployment" (id, "serviceId", "externalId", environment, status, "startedAt", "finishedAt", rework, "commitsIncomplete", sha, fixes, "fixRule", source)
      select gen_random_uuid(), sid, ext, env, st, sa, fa, rw, ci, sha, fx, fr, ${source}
      from jsonb_to_recordset(${JSON.stringify(deployments)}::jsonb)
        as t(sid uuid, ext text, env text, st text, sa timestamptz, fa timestamptz, rw boolean, ci boolean, sha text, fx text, fr text)
      on conflict ("serviceId", "externalId") do nothing
      returning id, "serviceId", "externalId"
    ),
    commits as (
      insert into "DeploymentCommit" ("deploymentId", "serviceId", sha, "authoredAt")
      select ins.id, ins."serviceId", c.sha, c.at
      from jsonb_to_recordset(${JSON.stringify(commits)}::jsonb) as c(sid uuid, ext text, sha text, at timestamptz)
      join ins on ins."serviceId" = c.sid and ins."externalId" = c.ext
    ),
    prs as (
      insert into "DeploymentPullRequest" ("deploymentId", number, "firstCommitAt", "openedAt", "mergedAt")
      select ins.id, p.number, p.first, p.opened, p.merged
      from jsonb_to_recordset(${JSON.stringify(prs)}::jsonb)
        as p(sid uuid, ext text, number int, first timestamptz, opened timestamptz, merged timestamptz)
      join ins on ins."serviceId" = p.sid and ins."externalId" = p.ext
    ),
    audit as (
      insert into "AuditLog" (id, "actorType", "actorId", "actorLabel", action, "entityType", "entityId", data)
      select gen_random_uuid(), ${actor.kind}, ${actor.kind === "system" ? null : actor.id}, ${actorLabel(actor)},
             'deployments.ingest', 'ingest', 'deployments.ingest', jsonb_build_object('created', count(*), 'source', ${source}::text)
      from ins having count(*) > 0
    ),
    delivery as (
      insert into "WebhookDelivery" (provider, "deliveryId", outcome)
      select provider, "deliveryId", case when exists (select 1 from ins) then outcome else 'duplicate' end
      from jsonb_to_recordset(${JSON.stringify(delivery)}::jsonb) as w(provider text, "deliveryId" text, outcome text)
      on conflict do nothing
    )
    select count(*)::int as created from ins`);
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
