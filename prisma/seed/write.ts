// Bulk writers for seed data: one INSERT … SELECT FROM unnest(arrays) per chunk, which is an order
// of magnitude faster than row-by-row inserts and keeps each statement's parameters to a handful.
import type { PrismaClient } from "@/generated/prisma/client";
import type { CommitRow, DeploymentRow, IncidentRow, PullRequestRow } from "./history";
import type { SampleRow } from "./sli";

const CHUNK = 20_000;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function insertDeployments(db: PrismaClient, rows: DeploymentRow[], source = "seed") {
  await inChunks(
    rows,
    (c) => db.$executeRaw`
    insert into "Deployment" (id, "serviceId", "externalId", environment, status, "startedAt", "finishedAt", rework, source)
    select id, sid, ext, env, st, sa, fa, rw, ${source}
    from unnest(${c.map((r) => r.id)}::uuid[], ${c.map((r) => r.serviceId)}::uuid[], ${c.map((r) => r.externalId)}::text[],
                ${c.map((r) => r.environment)}::text[], ${c.map((r) => r.status)}::text[],
                ${c.map((r) => iso(r.startedAt))}::timestamptz[], ${c.map((r) => iso(r.finishedAt))}::timestamptz[],
                ${c.map((r) => r.rework)}::boolean[]) as t(id, sid, ext, env, st, sa, fa, rw)`,
  );
}

export async function insertCommits(db: PrismaClient, rows: CommitRow[]) {
  await inChunks(
    rows,
    (c) => db.$executeRaw`
    insert into "DeploymentCommit" ("deploymentId", "serviceId", sha, "authoredAt")
    select * from unnest(${c.map((r) => r.deploymentId)}::uuid[], ${c.map((r) => r.serviceId)}::uuid[],
                         ${c.map((r) => r.sha)}::text[], ${c.map((r) => iso(r.authoredAt))}::timestamptz[])
    on conflict do nothing`,
  );
}

export async function insertPullRequests(db: PrismaClient, rows: PullRequestRow[]) {
  await inChunks(
    rows,
    (c) => db.$executeRaw`
    insert into "DeploymentPullRequest" ("deploymentId", number, "firstCommitAt", "openedAt", "mergedAt")
    select * from unnest(${c.map((r) => r.deploymentId)}::uuid[], ${c.map((r) => r.number)}::int[],
                         ${c.map((r) => iso(r.firstCommitAt))}::timestamptz[], ${c.map((r) => iso(r.openedAt))}::timestamptz[],
                         ${c.map((r) => iso(r.mergedAt))}::timestamptz[])`,
  );
}

export async function insertIncidents(db: PrismaClient, rows: IncidentRow[], source = "seed") {
  await inChunks(
    rows,
    (c) => db.$executeRaw`
    insert into "Incident" (id, "serviceId", "externalId", title, severity, "startedAt", "resolvedAt",
                            "causedByDeploymentExternalId", "causedByDeploymentId", source, "updatedAt")
    select id, sid, ext, ti, sev, sa, ra, cext, cid, ${source}, now()
    from unnest(${c.map((r) => r.id)}::uuid[], ${c.map((r) => r.serviceId)}::uuid[], ${c.map((r) => r.externalId)}::text[],
                ${c.map((r) => r.title)}::text[], ${c.map((r) => r.severity)}::text[],
                ${c.map((r) => iso(r.startedAt))}::timestamptz[], ${c.map((r) => iso(r.resolvedAt))}::timestamptz[],
                ${c.map((r) => r.causedByDeploymentExternalId)}::text[], ${c.map((r) => r.causedByDeploymentId)}::uuid[])
         as t(id, sid, ext, ti, sev, sa, ra, cext, cid)`,
  );
}

export async function insertSamples(db: PrismaClient, rows: SampleRow[]) {
  await inChunks(
    rows,
    (c) => db.$executeRaw`
    insert into "SliSample" ("sloId", start, "durationSeconds", good, total)
    select s, st, 300, g, t
    from unnest(${c.map((r) => r.sloId)}::uuid[], ${c.map((r) => iso(r.start))}::timestamptz[],
                ${c.map((r) => r.good)}::bigint[], ${c.map((r) => r.total)}::bigint[]) as x(s, st, g, t)`,
  );
}
