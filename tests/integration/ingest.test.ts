import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { importCsv } from "@/lib/delivery/server/import-csv";
import { recordDeployments, recordIncidents } from "@/lib/delivery/server/record-events";
import {
  handleGithubDelivery,
  handlePagerdutyDelivery,
  listUnmatched,
  mapUnmatched,
} from "@/lib/delivery/server/webhook-deliveries";
import { CLI_ACTOR, type TokenActor, SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { parseIngestBody, ZDeploymentBatch, ZDeploymentInput } from "@/lib/delivery/schemas";
import { actorFor, makeService, makeTeam, makeUser, uniq } from "../support/factories";

const dep = (service: string, externalId: string, over: Record<string, unknown> = {}) => ({
  externalId,
  service,
  environment: "production",
  status: "success" as const,
  finishedAt: "2026-01-05T10:07:00Z",
  ...over,
});

describe("deployment ingestion", () => {
  it("writes a batch, counts replays as duplicates, first write wins", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const first = await recordDeployments(
      [
        dep(svc.slug, "d1", {
          commits: [{ sha: "aaaa1111", authoredAt: "2026-01-05T08:00:00Z" }],
          pullRequests: [{ number: 4, openedAt: "2026-01-05T09:00:00Z" }],
        }),
        dep(svc.slug, "d2"),
        dep(svc.slug, "d2", { status: "failure" }),
      ],
      CLI_ACTOR,
      { single: false },
    );
    expect(first).toEqual({ created: 2, duplicates: 1 });
    const again = await recordDeployments([dep(svc.slug, "d1", { environment: "staging" })], CLI_ACTOR, {
      single: true,
    });
    expect(again).toEqual({ created: 0, duplicates: 1 });
    const rows = await prisma.deployment.findMany({
      where: { serviceId: svc.id },
      orderBy: { externalId: "asc" },
      include: { commits: true, pullRequests: true },
    });
    expect(rows.map((r) => [r.externalId, r.environment, r.status])).toEqual([
      ["d1", "production", "success"],
      ["d2", "production", "success"],
    ]);
    expect(rows[0].commits).toHaveLength(1);
    expect(rows[0].pullRequests).toHaveLength(1);
  });

  it("rejects a whole batch when one item is invalid, naming its path, and writes nothing", () => {
    const body = {
      deployments: [
        dep("svc-a", "x1"),
        dep("svc-a", "x2"),
        dep("svc-a", "x3"),
        dep("svc-a", "x4", { finishedAt: "yesterday" }),
      ],
    };
    expect(() => parseIngestBody(body, "deployments", ZDeploymentInput, ZDeploymentBatch)).toThrowError(
      expect.objectContaining({
        code: "validation_failed",
        details: [{ path: "deployments.3.finishedAt", message: "must be an ISO-8601 date-time" }],
      }),
    );
    expect(() =>
      parseIngestBody({ ...dep("svc-a", "y"), status: "maybe" }, "deployments", ZDeploymentInput, ZDeploymentBatch),
    ).toThrowError(expect.objectContaining({ details: [expect.objectContaining({ path: "status" })] }));
    expect(() => parseIngestBody({ deployments: [] }, "deployments", ZDeploymentInput, ZDeploymentBatch)).toThrowError(
      expect.objectContaining({ code: "validation_failed" }),
    );
  });

  it("rejects a batch naming an unknown service, with the item's path, and writes nothing", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    await expect(
      recordDeployments([dep(svc.slug, "ok-1"), dep("no-such-service-q", "bad")], CLI_ACTOR, { single: false }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: [{ path: "deployments.1.service", message: 'unknown service "no-such-service-q"' }],
    });
    expect(await prisma.deployment.count({ where: { serviceId: svc.id } })).toBe(0);
  });

  it("lets a team-bound token write only its team's services: 403 and nothing written otherwise", async () => {
    const mine = await makeTeam(prisma);
    const theirs = await makeTeam(prisma);
    const a = await makeService(prisma, mine.id);
    const b = await makeService(prisma, theirs.id);
    const token: TokenActor = { kind: "token", id: "t", name: "ci", scopes: ["ingest"], teamId: mine.id };
    await expect(
      recordDeployments([dep(a.slug, "m1"), dep(b.slug, "t1")], token, { single: false }),
    ).rejects.toMatchObject({ code: "forbidden", status: 403 });
    expect(await prisma.deployment.count({ where: { serviceId: { in: [a.id, b.id] } } })).toBe(0);
    await expect(recordDeployments([dep(a.slug, "m1")], token, { single: true })).resolves.toEqual({
      created: 1,
      duplicates: 0,
    });
  });

  it("lets an engineer ingest for their own team only", async () => {
    const team = await makeTeam(prisma);
    const other = await makeTeam(prisma);
    const own = await makeService(prisma, team.id);
    const foreign = await makeService(prisma, other.id);
    const engineer = actorFor(await makeUser(prisma, { role: "engineer", teamIds: [team.id] }), [team.id]);
    await expect(recordDeployments([dep(own.slug, "e1")], engineer, { single: true })).resolves.toMatchObject({
      created: 1,
    });
    await expect(recordDeployments([dep(foreign.slug, "e1")], engineer, { single: true })).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("incident ingestion", () => {
  it("upserts by (service, externalId): a later delivery resolves the incident and names its cause", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const inc = {
      externalId: "PD-77",
      service: svc.slug,
      title: "Checkout errors",
      severity: "sev2",
      startedAt: "2026-01-05T11:00:00Z",
    };
    expect(await recordIncidents([inc], CLI_ACTOR, { single: true })).toEqual({ created: 1, updated: 0 });
    expect(
      await recordIncidents([{ ...inc, resolvedAt: "2026-01-05T11:45:00Z", causedByDeployment: "gh-9" }], CLI_ACTOR, {
        single: true,
      }),
    ).toEqual({ created: 0, updated: 1 });
    // a replay of the first delivery does not reopen it
    await recordIncidents([inc], CLI_ACTOR, { single: true });
    const row = await prisma.incident.findUniqueOrThrow({
      where: { serviceId_externalId: { serviceId: svc.id, externalId: "PD-77" } },
    });
    expect(row).toMatchObject({
      resolvedAt: new Date("2026-01-05T11:45:00Z"),
      causedByDeploymentExternalId: "gh-9",
      causedByDeploymentId: null,
    });
    // the deployment arrives later: the incident now links to it
    await recordDeployments([dep(svc.slug, "gh-9")], CLI_ACTOR, { single: true });
    const linked = await prisma.incident.findUniqueOrThrow({
      where: { id: row.id },
      include: { causedByDeployment: true },
    });
    expect(linked.causedByDeployment?.externalId).toBe("gh-9");
    // and counts against it, with its finish time for recovery
    expect(linked.linkedDeploymentId).toBe(linked.causedByDeployment?.id);
    expect(linked.linkedFinishedAt).toEqual(linked.causedByDeployment?.finishedAt);
  });
});

describe("webhooks", () => {
  const ghEvent = (repo: string, id: number) => ({
    deployment_status: { state: "success", created_at: "2026-02-01T10:07:00Z" },
    deployment: { id, sha: "abcdef12", environment: "production", created_at: "2026-02-01T10:00:00Z" },
    repository: { full_name: repo },
  });

  it("GitHub: applies a matched delivery once, keeps an unmatched one until it is mapped, then it counts", async () => {
    const team = await makeTeam(prisma);
    const svc = await prisma.service.create({
      data: {
        slug: uniq("gh"),
        name: "GH",
        teamId: team.id,
        tier: 2,
        lifecycle: "production",
        repoSlug: "github.com/acme/known-repo-x",
      },
    });
    const delivery = uniq("delivery");
    expect(await handleGithubDelivery(delivery, "deployment_status", ghEvent("Acme/Known-Repo-X", 1))).toEqual({
      status: "applied",
    });
    expect(await handleGithubDelivery(delivery, "deployment_status", ghEvent("Acme/Known-Repo-X", 1))).toEqual({
      status: "duplicate",
    });
    expect(await prisma.deployment.count({ where: { serviceId: svc.id } })).toBe(1);

    const repo = `acme/${uniq("orphan")}`;
    const key = `github.com/${repo}`;
    const unmatched = await handleGithubDelivery(uniq("delivery"), "deployment_status", ghEvent(repo, 2));
    expect(unmatched.status).toBe("unmatched");
    expect((await listUnmatched(SYSTEM_ACTOR)).find((u) => u.externalKey === key)).toMatchObject({
      provider: "github",
      events: 1,
    });
    const target = await makeService(prisma, team.id);
    const platform = actorFor(await makeUser(prisma, { role: "platform" }));
    expect(await mapUnmatched({ provider: "github", externalKey: key, serviceSlug: target.slug }, platform)).toEqual({
      replayed: 1,
    });
    expect(await prisma.deployment.findFirst({ where: { serviceId: target.id, externalId: "gh-2" } })).not.toBeNull();
    expect((await listUnmatched(SYSTEM_ACTOR)).find((u) => u.externalKey === key)).toBeUndefined();
    expect((await prisma.service.findUniqueOrThrow({ where: { id: target.id } })).repoUrl).toBe(`https://${key}`);
    // future deliveries for that repository now match
    expect(await handleGithubDelivery(uniq("delivery"), "deployment_status", ghEvent(repo, 3))).toEqual({
      status: "applied",
    });
  });

  it("GitHub: a delivery racing in ten times at once applies once and answers the rest as duplicates", async () => {
    const team = await makeTeam(prisma);
    const repo = `acme/${uniq("race")}`;
    const svc = await prisma.service.create({
      data: {
        slug: uniq("gh"),
        name: "GH",
        teamId: team.id,
        tier: 2,
        lifecycle: "production",
        repoSlug: `github.com/${repo}`,
      },
    });
    const delivery = uniq("delivery");
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => handleGithubDelivery(delivery, "deployment_status", ghEvent(repo, 7))),
    );
    expect(outcomes.filter((o) => o.status === "applied")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "duplicate")).toHaveLength(9);
    expect(await prisma.deployment.count({ where: { serviceId: svc.id } })).toBe(1);
    // Another delivery carrying the same deployment is a duplicate too, and is remembered as one.
    const other = uniq("delivery");
    expect(await handleGithubDelivery(other, "deployment_status", ghEvent(repo, 7))).toEqual({ status: "duplicate" });
    expect(
      await prisma.webhookDelivery.findUnique({
        where: { provider_deliveryId: { provider: "github", deliveryId: other } },
      }),
    ).toMatchObject({ outcome: "duplicate" });
  });

  it("PagerDuty: triggered then resolved updates one incident; an unknown PD service is kept", async () => {
    const team = await makeTeam(prisma);
    const pdId = uniq("PD").toUpperCase();
    const svc = await prisma.service.create({
      data: {
        slug: uniq("pd"),
        name: "PD",
        teamId: team.id,
        tier: 1,
        lifecycle: "production",
        pagerdutyServiceId: pdId,
      },
    });
    const event = (id: string, type: string, service = pdId) => ({
      event: {
        id,
        event_type: type,
        occurred_at: "2026-02-02T12:30:00Z",
        data: {
          id: "QINC1",
          number: 1,
          title: "Latency",
          created_at: "2026-02-02T12:00:00Z",
          service: { id: service },
        },
      },
    });
    expect(await handlePagerdutyDelivery(event(uniq("e"), "incident.triggered"))).toEqual({ status: "applied" });
    expect(await handlePagerdutyDelivery(event(uniq("e"), "incident.resolved"))).toEqual({ status: "applied" });
    const incident = await prisma.incident.findFirstOrThrow({ where: { serviceId: svc.id } });
    expect(incident).toMatchObject({
      externalId: "QINC1",
      startedAt: new Date("2026-02-02T12:00:00Z"),
      resolvedAt: new Date("2026-02-02T12:30:00Z"),
      source: "pagerduty",
    });
    expect((await handlePagerdutyDelivery(event(uniq("e"), "incident.triggered", "PNOBODY"))).status).toBe("unmatched");
  });
});

describe("CSV import", () => {
  it("imports all rows or none, reporting problems by line", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const bad = `externalId,service,environment,status,startedAt,finishedAt,commitSha,commitAuthoredAt
c1,${svc.slug},production,success,,2026-01-05T10:00:00Z,aaaa1111,2026-01-05T08:00:00Z
c2,${svc.slug},production,success,,not-a-date,,
c3,no-such-svc-zz,production,success,,2026-01-06T10:00:00Z,,`;
    const result = await importCsv("deployments", bad, CLI_ACTOR);
    expect(result).toEqual({ ok: false, errors: [{ line: 3, message: "finishedAt must be an ISO-8601 date-time" }] });
    const unknown = await importCsv("deployments", bad.replace("not-a-date", "2026-01-05T11:00:00Z"), CLI_ACTOR);
    expect(unknown).toEqual({ ok: false, errors: [{ line: 4, message: 'service: unknown service "no-such-svc-zz"' }] });
    expect(await prisma.deployment.count({ where: { serviceId: svc.id } })).toBe(0);

    const good = `externalId,service,environment,status,finishedAt,commitSha,commitAuthoredAt
c1,${svc.slug},production,success,2026-01-05T10:00:00Z,aaaa1111,2026-01-05T08:00:00Z
c1,${svc.slug},production,success,2026-01-05T10:00:00Z,bbbb2222,2026-01-05T09:00:00Z
c2,${svc.slug},Production,SUCCESS,2026-01-06T10:00:00Z,,`;
    expect(await importCsv("deployments", good, CLI_ACTOR)).toEqual({
      ok: true,
      kind: "deployments",
      created: 2,
      updated: 0,
      duplicates: 0,
    });
    expect(await prisma.deploymentCommit.count({ where: { serviceId: svc.id } })).toBe(2);
    expect(await importCsv("deployments", good, CLI_ACTOR)).toMatchObject({ ok: true, created: 0, duplicates: 2 });
    const missingColumn = await importCsv("incidents", "externalId,service\nx,y", CLI_ACTOR);
    expect(missingColumn).toEqual({ ok: false, errors: [{ line: 1, message: "missing column(s): title, startedAt" }] });
  });
});
