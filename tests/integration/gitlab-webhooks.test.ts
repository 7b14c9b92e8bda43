// GitLab webhooks through the route handler: the X-Gitlab-Token is checked first, deployments are
// matched by project host and path, replays are no-ops, unknown projects wait for mapping, and
// pushes and merged merge requests give deployments their lead time (worked out by hand).
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { getDoraReport } from "@/lib/delivery/server/dora";
import { gitlabTime } from "@/lib/delivery/sources/gitlab";
import { actorFor, makeTeam, makeUser, uniq } from "../support/factories";
import { gitlabDeployment, gitlabMergeRequest, gitlabPush } from "../support/gitlab-payloads";

type Route = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let gitlab: Route;
const saved = process.env.GITLAB_WEBHOOK_TOKEN;
const TOKEN = "gl-token-0123456789";
beforeAll(async () => {
  process.env.GITLAB_WEBHOOK_TOKEN = TOKEN;
  gitlab = (await import("@/app/api/v1/webhooks/gitlab/route")).POST;
});
afterAll(() => {
  if (saved === undefined) delete process.env.GITLAB_WEBHOOK_TOKEN;
  else process.env.GITLAB_WEBHOOK_TOKEN = saved;
});

const ZERO = "0".repeat(40);
// Hex, as GitLab's commit URLs carry them.
const sha = (tag: string) => tag.padEnd(40, "0");

function send(event: string, body: unknown, opts: { token?: string | null; uuid?: string | null } = {}) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-gitlab-event": event,
    "x-shipshape-peer": "10.6.0.1",
  };
  const token = opts.token === undefined ? TOKEN : opts.token;
  if (token) headers["x-gitlab-token"] = token;
  const uuid = opts.uuid === undefined ? crypto.randomUUID() : opts.uuid;
  if (uuid) headers["x-gitlab-event-uuid"] = uuid;
  return gitlab(
    new NextRequest("http://localhost/api/v1/webhooks/gitlab", { method: "POST", headers, body: JSON.stringify(body) }),
    { params: Promise.resolve({}) },
  );
}

async function projectService(host = "gitlab.com") {
  const team = await makeTeam(prisma);
  const path = `acme/platform/${uniq("api")}`;
  const svc = await prisma.service.create({
    data: {
      slug: uniq("gl"),
      name: "GL",
      teamId: team.id,
      tier: 2,
      lifecycle: "production",
      repoUrl: `https://${host}/${path}`,
      repoSlug: `${host}/${path}`.toLowerCase(),
    },
  });
  return { svc, project: { path, host } };
}

describe("GitLab times", () => {
  it("reads the formats GitLab sends", () => {
    expect(gitlabTime("2021-04-28 21:50:00 +0200")).toBe("2021-04-28T19:50:00.000Z");
    expect(gitlabTime("2013-12-03 17:23:34 UTC")).toBe("2013-12-03T17:23:34.000Z");
    expect(gitlabTime("2013-12-03T17:23:34Z")).toBe("2013-12-03T17:23:34.000Z");
    expect(gitlabTime("2013-12-03T17:23:34+01:00")).toBe("2013-12-03T16:23:34.000Z");
    expect(gitlabTime("yesterday")).toBeNull();
  });
});

describe("GitLab webhook", () => {
  it("refuses a wrong or missing token and a delivery without an id, writing nothing", async () => {
    const { svc, project } = await projectService();
    const body = gitlabDeployment({
      project,
      deploymentId: 1,
      status: "success",
      statusChangedAt: "2026-02-01 10:00:00 +0000",
      sha: sha("a1"),
    });
    expect((await send("Deployment Hook", body, { token: null })).status).toBe(401);
    expect((await send("Deployment Hook", body, { token: "gl-token-wrong" })).status).toBe(401);
    expect((await send("Deployment Hook", body, { uuid: null })).status).toBe(400);
    expect(await prisma.deployment.count({ where: { serviceId: svc.id } })).toBe(0);
  });

  it("records a finished deployment once, by project host and path, and ignores a running one", async () => {
    const { svc, project } = await projectService();
    const running = gitlabDeployment({
      project,
      deploymentId: 15,
      status: "running",
      statusChangedAt: "2021-04-28 21:45:00 +0200",
      sha: sha("c1"),
    });
    const res = await send("Deployment Hook", running);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: "ignored", detail: "deployment status running is not final" });
    const done = { ...running, status: "success", status_changed_at: "2021-04-28 21:50:00 +0200" };
    const uuid = crypto.randomUUID();
    expect((await send("Deployment Hook", done, { uuid })).status).toBe(201);
    expect((await send("Deployment Hook", done, { uuid })).status).toBe(200);
    const deployments = await prisma.deployment.findMany({ where: { serviceId: svc.id }, include: { commits: true } });
    expect(deployments).toHaveLength(1);
    expect(deployments[0]).toMatchObject({
      externalId: "gl-15",
      environment: "production",
      status: "success",
      source: "gitlab",
      finishedAt: new Date("2021-04-28T19:50:00Z"),
    });
    expect(deployments[0].commits.map((c) => c.sha)).toEqual([sha("c1")]);
    // A self-managed GitLab's namesake is another repository.
    const other = gitlabDeployment({
      project: { path: project.path, host: "gitlab.acme.corp" },
      deploymentId: 16,
      status: "success",
      statusChangedAt: "2021-04-28 22:00:00 +0200",
      sha: sha("c2"),
    });
    const unmatched = await send("Deployment Hook", other);
    expect(unmatched.status).toBe(202);
    expect((await unmatched.json()).status).toBe("unmatched");
    expect(await prisma.deployment.count({ where: { serviceId: svc.id } })).toBe(1);
  });

  it("keeps an unknown project's deployments until mapped, then they count", async () => {
    const team = await makeTeam(prisma);
    const svc = await prisma.service.create({
      data: { slug: uniq("gl"), name: "GL", teamId: team.id, tier: 2, lifecycle: "production" },
    });
    const path = `acme/${uniq("legacy")}`;
    const body = gitlabDeployment({
      project: { path },
      deploymentId: 40,
      status: "failed",
      statusChangedAt: "2026-02-03T08:00:00Z",
      sha: sha("f1"),
    });
    expect((await send("Deployment Hook", body)).status).toBe(202);
    const { mapUnmatched } = await import("@/lib/delivery/server/webhook-deliveries");
    const actor = actorFor(await makeUser(prisma, { role: "platform" }));
    expect(
      await mapUnmatched(
        { provider: "gitlab", externalKey: `gitlab.com/${path}`.toLowerCase(), serviceSlug: svc.slug },
        actor,
      ),
    ).toEqual({ replayed: 1 });
    expect(await prisma.deployment.count({ where: { serviceId: svc.id, status: "failure", source: "gitlab" } })).toBe(
      1,
    );
  });

  it("gives a deployment its lead time from the pushes and the merged merge request", async () => {
    const { svc, project } = await projectService();
    await send(
      "Push Hook",
      gitlabPush({
        project,
        ref: "refs/heads/feature-y",
        before: ZERO,
        after: sha("b2"),
        commits: [
          { sha: sha("b1"), timestamp: "2026-04-01T08:00:00+00:00" },
          { sha: sha("b2"), timestamp: "2026-04-01T09:00:00+00:00" },
        ],
      }),
    );
    const opened = gitlabMergeRequest({
      project,
      iid: 12,
      action: "open",
      state: "opened",
      createdAt: "2026-04-01T10:00:00Z",
      updatedAt: "2026-04-01T10:00:00Z",
      mergeCommitSha: null,
      sourceBranch: "feature-y",
      lastCommit: sha("b2"),
    });
    expect((await (await send("Merge Request Hook", opened)).json()).status).toBe("ignored");
    const merged = gitlabMergeRequest({
      project,
      iid: 12,
      action: "merge",
      state: "merged",
      createdAt: "2026-04-01 10:00:00 UTC",
      updatedAt: "2026-04-01 12:00:00 UTC",
      mergeCommitSha: sha("d12"),
      sourceBranch: "feature-y",
      lastCommit: sha("b2"),
    });
    expect(await (await send("Merge Request Hook", merged)).json()).toEqual({
      status: "applied",
      detail: "merge request !12 merged",
    });
    await send(
      "Push Hook",
      gitlabPush({
        project,
        before: sha("ba5e"),
        after: sha("d12"),
        commits: [{ sha: sha("d12"), timestamp: "2026-04-01T12:00:00Z" }],
      }),
    );
    await send(
      "Deployment Hook",
      gitlabDeployment({
        project,
        deploymentId: 77,
        status: "success",
        statusChangedAt: "2026-04-01 13:30:00 +0000",
        sha: sha("d12"),
        environment: "prod-eu",
        tier: "production",
      }),
    );
    // coding 08:00 → 10:00 = 120, review 10:00 → 12:00 = 120, deploy 12:00 → 13:30 = 90: 330.
    const dora = await getDoraReport(
      SYSTEM_ACTOR,
      { service: svc.slug },
      { from: new Date("2026-04-01T00:00:00Z"), to: new Date("2026-04-02T00:00:00Z") },
      "2023",
    );
    expect(dora?.deploymentFrequency.deployments).toBe(1);
    expect(dora?.leadTimeForChanges).toMatchObject({
      medianMinutes: 330,
      samples: 1,
      codingMinutes: 120,
      reviewMinutes: 120,
      deployMinutes: 90,
    });
  });
});
