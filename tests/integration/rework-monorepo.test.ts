// Rework derived, not only reported, and monorepos. A deployment that names the deployment it fixes
// (the API's `fixes`, a GitHub deployment payload) or that GitHub's and GitLab's conventions show to
// be a revert, a rollback or a hotfix makes that one failed for the change failure rate, and is
// rework itself. One repository can feed several services by path prefixes or labels. Every delivery
// is in the shape of octokit/webhooks' examples or GitLab's webhook docs; the figures are worked out
// by hand from the contract.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { createService } from "@/lib/catalog/server/services";
import { getDoraReport } from "@/lib/delivery/server/dora";
import { recordDeployments } from "@/lib/delivery/server/record-events";
import { handleGithubDelivery, handleGitlabDelivery } from "@/lib/delivery/server/webhook-deliveries";
import { ZDeploymentInput } from "@/lib/delivery/schemas";
import { ZServiceInput } from "@/lib/catalog/schemas";
import { actorFor, makeService, makeTeam, makeUser, uniq } from "../support/factories";
import { githubDeploymentStatus, githubPullRequestClosed, githubPush } from "../support/vendor-payloads";
import { gitlabDeployment, gitlabMergeRequest, gitlabPush } from "../support/gitlab-payloads";

const ZERO = "0".repeat(40);
const sha = (tag: string) => tag.padEnd(40, "0");
const FEB = { from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z" };

const report = (slug: string) =>
  getDoraReport(SYSTEM_ACTOR, { service: slug }, { from: new Date(FEB.from), to: new Date(FEB.to) }, "2023");

const deliver = (event: string, payload: unknown) => handleGithubDelivery(uniq("gh-delivery"), event, payload);
const deliverGitlab = (event: string, payload: unknown) => handleGitlabDelivery(uniq("gl-delivery"), event, payload);

const fixOf = (serviceId: string, externalId: string) =>
  prisma.deployment.findUniqueOrThrow({
    where: { serviceId_externalId: { serviceId, externalId } },
    select: { rework: true, fixes: true, fixRule: true, fixesDeploymentId: true },
  });

async function repoService(host = "github.com", opts: { paths?: string[]; labels?: string[]; repo?: string } = {}) {
  const team = await makeTeam(prisma);
  const name = opts.repo ?? uniq("api");
  const svc = await prisma.service.create({
    data: {
      slug: uniq("svc"),
      name: "Svc",
      teamId: team.id,
      tier: 2,
      lifecycle: "production",
      repoUrl: `https://${host}/acme/${name}`,
      repoSlug: `${host}/acme/${name}`,
      repoPaths: opts.paths ?? [],
      repoLabels: opts.labels ?? [],
    },
  });
  return { svc, repo: { owner: "acme", name } };
}

describe("fixes named through the API", () => {
  it("the named deployment counts as failed and the fixing one as rework, in either arrival order", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const user = await makeUser(prisma, { role: "platform" });
    const actor = actorFor({ id: user.id, email: user.email, role: "platform" });
    const dep = (externalId: string, day: number, extra: Record<string, unknown> = {}) =>
      ZDeploymentInput.parse({
        externalId,
        service: svc.slug,
        environment: "production",
        status: "success",
        finishedAt: `2026-02-${String(day).padStart(2, "0")}T10:00:00Z`,
        ...extra,
      });
    // d1 … d5. d2 fixes d1. d4 fixes d3 and arrives first. A staging redeploy "fixes" d5: not counted.
    await recordDeployments([dep("d1", 2), dep("d2", 3, { fixes: "d1" })], actor, { single: false });
    await recordDeployments([dep("d4", 6, { fixes: "d3" })], actor, { single: true });
    expect((await fixOf(svc.id, "d4")).fixesDeploymentId, "d3 has not arrived").toBeNull();
    await recordDeployments([dep("d3", 5), dep("d5", 8)], actor, { single: false });
    await recordDeployments([dep("d6", 9, { fixes: "d5", environment: "staging" })], actor, { single: true });

    const d4 = await fixOf(svc.id, "d4");
    expect(d4).toMatchObject({ rework: true, fixes: "d3", fixRule: "explicit" });
    expect(d4.fixesDeploymentId).not.toBeNull();
    // Counted: d1 … d5 (5). Failed: d1, d3 (2/5 = 0.4). Rework: d2, d4 (2/5 = 0.4).
    const dora = await report(svc.slug);
    expect(dora?.changeFailureRate).toMatchObject({ failedDeployments: 2, deployments: 5, ratio: 0.4 });
    expect(dora?.reworkRate).toEqual({ ratio: 0.4 });
  });

  it("a deployment cannot fix itself", () => {
    const parsed = ZDeploymentInput.safeParse({
      externalId: "d1",
      service: "svc",
      environment: "production",
      status: "success",
      finishedAt: "2026-02-01T10:00:00Z",
      fixes: "d1",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ["fixes"],
      message: "must name another deployment, not this one",
    });
  });
});

describe("fixes derived from GitHub conventions", () => {
  async function history(repo: { owner: string; name: string }) {
    // main: a1 (feature), deployed as gh-1; then b1 ("Revert …" of a1), deployed as gh-2.
    await deliver(
      "push",
      githubPush({
        repo,
        before: ZERO,
        after: sha("a1"),
        commits: [{ sha: sha("a1"), timestamp: "2026-02-02T08:00:00Z" }],
      }),
    );
    await deliver(
      "deployment_status",
      githubDeploymentStatus({ repo, deploymentId: 1, sha: sha("a1"), finishedAt: "2026-02-02T10:00:00Z" }),
    );
  }

  it("a revert commit fixes the deployment that shipped the reverted commit", async () => {
    const { svc, repo } = await repoService();
    await history(repo);
    await deliver(
      "push",
      githubPush({
        repo,
        before: sha("a1"),
        after: sha("b1"),
        commits: [
          {
            sha: sha("b1"),
            timestamp: "2026-02-03T08:00:00Z",
            message: `Revert "Add the new checkout"\n\nThis reverts commit ${sha("a1")}.`,
          },
        ],
      }),
    );
    await deliver(
      "deployment_status",
      githubDeploymentStatus({ repo, deploymentId: 2, sha: sha("b1"), finishedAt: "2026-02-03T10:00:00Z" }),
    );
    expect(await fixOf(svc.id, "gh-2")).toMatchObject({ rework: true, fixes: "gh-1", fixRule: "revert" });
    const dora = await report(svc.slug);
    expect(dora?.changeFailureRate).toMatchObject({ failedDeployments: 1, deployments: 2, ratio: 0.5 });
    expect(dora?.reworkRate).toEqual({ ratio: 0.5 });
  });

  it("a revert pull request (GitHub's Revert button) fixes the deployment that shipped the original", async () => {
    const { svc, repo } = await repoService();
    await deliver(
      "pull_request",
      githubPullRequestClosed({
        repo,
        number: 5,
        createdAt: "2026-02-01T09:00:00Z",
        mergedAt: "2026-02-02T07:00:00Z",
        mergeCommitSha: sha("a1"),
        headRef: "feature",
        headSha: sha("f1"),
      }),
    );
    await history(repo);
    await deliver(
      "pull_request",
      githubPullRequestClosed({
        repo,
        number: 6,
        title: 'Revert "Add the new checkout"',
        body: `Reverts acme/${repo.name}#5`,
        createdAt: "2026-02-03T07:00:00Z",
        mergedAt: "2026-02-03T08:30:00Z",
        mergeCommitSha: sha("b1"),
        headRef: "revert-5-feature",
        headSha: sha("e1"),
      }),
    );
    await deliver(
      "push",
      githubPush({
        repo,
        before: sha("a1"),
        after: sha("b1"),
        commits: [{ sha: sha("b1"), timestamp: "2026-02-03T08:30:00Z" }],
      }),
    );
    await deliver(
      "deployment_status",
      githubDeploymentStatus({ repo, deploymentId: 2, sha: sha("b1"), finishedAt: "2026-02-03T10:00:00Z" }),
    );
    expect(await fixOf(svc.id, "gh-2")).toMatchObject({ fixes: "gh-1", fixRule: "revert" });
  });

  it("deploying an earlier deployment's sha rolls back the deployment it replaces", async () => {
    const { svc, repo } = await repoService();
    await history(repo);
    await deliver(
      "push",
      githubPush({
        repo,
        before: sha("a1"),
        after: sha("c1"),
        commits: [{ sha: sha("c1"), timestamp: "2026-02-03T08:00:00Z" }],
      }),
    );
    await deliver(
      "deployment_status",
      githubDeploymentStatus({ repo, deploymentId: 2, sha: sha("c1"), finishedAt: "2026-02-03T10:00:00Z" }),
    );
    await deliver(
      "deployment_status",
      githubDeploymentStatus({ repo, deploymentId: 3, sha: sha("a1"), finishedAt: "2026-02-03T11:00:00Z" }),
    );
    // A redeploy of the same sha is no rollback.
    await deliver(
      "deployment_status",
      githubDeploymentStatus({ repo, deploymentId: 4, sha: sha("a1"), finishedAt: "2026-02-03T12:00:00Z" }),
    );
    expect(await fixOf(svc.id, "gh-2")).toMatchObject({ rework: false, fixes: null });
    expect(await fixOf(svc.id, "gh-3")).toMatchObject({ rework: true, fixes: "gh-2", fixRule: "rollback" });
    expect(await fixOf(svc.id, "gh-4")).toMatchObject({ rework: false, fixes: null });
    // gh-2 failed (rolled back): 1 of 4. Rework: gh-3, 1 of 4.
    const dora = await report(svc.slug);
    expect(dora?.changeFailureRate).toMatchObject({ failedDeployments: 1, deployments: 4, ratio: 0.25 });
    expect(dora?.reworkRate).toEqual({ ratio: 0.25 });
  });

  it("a pull request labelled hotfix fixes the deployment it replaces; a payload's fixes names one outright", async () => {
    const { svc, repo } = await repoService();
    await history(repo);
    await deliver(
      "pull_request",
      githubPullRequestClosed({
        repo,
        number: 9,
        labels: ["bug", "Hotfix"],
        createdAt: "2026-02-03T07:00:00Z",
        mergedAt: "2026-02-03T08:00:00Z",
        mergeCommitSha: sha("d1"),
        headRef: "fix-checkout",
        headSha: sha("d0"),
      }),
    );
    await deliver(
      "push",
      githubPush({
        repo,
        before: sha("a1"),
        after: sha("d1"),
        commits: [{ sha: sha("d1"), timestamp: "2026-02-03T08:00:00Z" }],
      }),
    );
    await deliver(
      "deployment_status",
      githubDeploymentStatus({ repo, deploymentId: 2, sha: sha("d1"), finishedAt: "2026-02-03T10:00:00Z" }),
    );
    expect(await fixOf(svc.id, "gh-2")).toMatchObject({ fixes: "gh-1", fixRule: "hotfix" });
    await deliver(
      "deployment_status",
      githubDeploymentStatus({
        repo,
        deploymentId: 3,
        sha: sha("d1"),
        finishedAt: "2026-02-04T10:00:00Z",
        payload: JSON.stringify({ fixes: "gh-2" }), // a string holding JSON, as the REST API allows
      }),
    );
    expect(await fixOf(svc.id, "gh-3")).toMatchObject({ fixes: "gh-2", fixRule: "explicit" });
  });
});

describe("fixes derived from GitLab conventions", () => {
  it("GitLab's revert commit fixes the deployment that shipped the merge request; a hotfix label fixes the one it replaces", async () => {
    const team = await makeTeam(prisma);
    const path = `acme/${uniq("gl")}`;
    const svc = await prisma.service.create({
      data: {
        slug: uniq("gl"),
        name: "GL",
        teamId: team.id,
        tier: 2,
        lifecycle: "production",
        repoUrl: `https://gitlab.com/${path}`,
        repoSlug: `gitlab.com/${path}`,
      },
    });
    const project = { path };
    await deliverGitlab(
      "Merge Request Hook",
      gitlabMergeRequest({
        project,
        iid: 7,
        action: "merge",
        state: "merged",
        createdAt: "2026-02-01T09:00:00Z",
        updatedAt: "2026-02-02T07:00:00Z",
        mergeCommitSha: sha("a1"),
        sourceBranch: "feature",
        lastCommit: sha("f1"),
      }),
    );
    await deliverGitlab(
      "Push Hook",
      gitlabPush({
        project,
        before: ZERO,
        after: sha("a1"),
        commits: [{ sha: sha("a1"), timestamp: "2026-02-02T07:00:00Z" }],
      }),
    );
    await deliverGitlab(
      "Deployment Hook",
      gitlabDeployment({
        project,
        deploymentId: 1,
        status: "success",
        statusChangedAt: "2026-02-02 10:00:00 UTC",
        sha: sha("a1"),
      }),
    );
    await deliverGitlab(
      "Push Hook",
      gitlabPush({
        project,
        before: sha("a1"),
        after: sha("b1"),
        commits: [
          {
            sha: sha("b1"),
            timestamp: "2026-02-03T07:00:00Z",
            message: `Revert "MS-Viewport"\n\nThis reverts merge request !7`,
          },
        ],
      }),
    );
    await deliverGitlab(
      "Deployment Hook",
      gitlabDeployment({
        project,
        deploymentId: 2,
        status: "success",
        statusChangedAt: "2026-02-03 10:00:00 UTC",
        sha: sha("b1"),
      }),
    );
    expect(await fixOf(svc.id, "gl-2")).toMatchObject({ rework: true, fixes: "gl-1", fixRule: "revert" });

    await deliverGitlab(
      "Merge Request Hook",
      gitlabMergeRequest({
        project,
        iid: 8,
        action: "merge",
        state: "merged",
        labels: ["hotfix"],
        createdAt: "2026-02-04T06:00:00Z",
        updatedAt: "2026-02-04T07:00:00Z",
        mergeCommitSha: sha("c1"),
        sourceBranch: "urgent",
        lastCommit: sha("c0"),
      }),
    );
    await deliverGitlab(
      "Push Hook",
      gitlabPush({
        project,
        before: sha("b1"),
        after: sha("c1"),
        commits: [{ sha: sha("c1"), timestamp: "2026-02-04T07:00:00Z" }],
      }),
    );
    await deliverGitlab(
      "Deployment Hook",
      gitlabDeployment({
        project,
        deploymentId: 3,
        status: "success",
        statusChangedAt: "2026-02-04 10:00:00 UTC",
        sha: sha("c1"),
      }),
    );
    expect(await fixOf(svc.id, "gl-3")).toMatchObject({ fixes: "gl-2", fixRule: "hotfix" });
    // gl-1 reverted, gl-2 hotfixed: 2 of 3 failed; gl-2 and gl-3 are rework.
    const dora = await report(svc.slug);
    expect(dora?.changeFailureRate).toMatchObject({ failedDeployments: 2, deployments: 3 });
    expect(dora?.reworkRate).toEqual({ ratio: 0.6667 });
  });
});

describe("monorepos", () => {
  const deployed = (serviceId: string) =>
    prisma.deployment.findMany({
      where: { serviceId },
      orderBy: { finishedAt: "asc" },
      select: { externalId: true, commits: { select: { sha: true }, orderBy: { sha: "asc" } } },
    });

  it("a deployment counts for the services whose paths its commits changed, with only their commits", async () => {
    const name = uniq("mono");
    const { svc: payments, repo } = await repoService("github.com", { repo: name, paths: ["services/payments/"] });
    const { svc: search } = await repoService("github.com", { repo: name, paths: ["services/search/"] });
    await deliver(
      "push",
      githubPush({
        repo,
        before: ZERO,
        after: sha("a3"),
        commits: [
          { sha: sha("a1"), timestamp: "2026-02-02T08:00:00Z", modified: ["services/payments/api.ts"] },
          { sha: sha("a2"), timestamp: "2026-02-02T08:30:00Z", modified: ["services/search/index.ts", "README.md"] },
          { sha: sha("a3"), timestamp: "2026-02-02T09:00:00Z", modified: ["docs/intro.md"] },
        ],
      }),
    );
    const first = await deliver(
      "deployment_status",
      githubDeploymentStatus({ repo, deploymentId: 1, sha: sha("a3"), finishedAt: "2026-02-02T10:00:00Z" }),
    );
    expect(first.status).toBe("applied");
    expect(await deployed(payments.id)).toEqual([{ externalId: "gh-1", commits: [{ sha: sha("a1") }] }]);
    expect(await deployed(search.id)).toEqual([{ externalId: "gh-1", commits: [{ sha: sha("a2") }] }]);
    // Lead time: payments' a1 is 120 minutes; search's a2 is 90.
    expect((await report(payments.slug))?.leadTimeForChanges).toMatchObject({ medianMinutes: 120, samples: 1 });
    expect((await report(search.slug))?.leadTimeForChanges).toMatchObject({ medianMinutes: 90, samples: 1 });

    // Only payments changes next: search gets no deployment.
    await deliver(
      "push",
      githubPush({
        repo,
        before: sha("a3"),
        after: sha("b1"),
        commits: [{ sha: sha("b1"), timestamp: "2026-02-03T09:00:00Z", modified: ["services/payments/db.ts"] }],
      }),
    );
    await deliver(
      "deployment_status",
      githubDeploymentStatus({ repo, deploymentId: 2, sha: sha("b1"), finishedAt: "2026-02-03T10:00:00Z" }),
    );
    expect((await deployed(payments.id)).map((d) => d.externalId)).toEqual(["gh-1", "gh-2"]);
    expect((await deployed(search.id)).map((d) => d.externalId)).toEqual(["gh-1"]);

    // A change to none of them, with no service holding the whole repository: acknowledged, ignored.
    await deliver(
      "push",
      githubPush({
        repo,
        before: sha("b1"),
        after: sha("c1"),
        commits: [{ sha: sha("c1"), timestamp: "2026-02-04T09:00:00Z", modified: ["docs/setup.md"] }],
      }),
    );
    const docsOnly = await deliver(
      "deployment_status",
      githubDeploymentStatus({ repo, deploymentId: 3, sha: sha("c1"), finishedAt: "2026-02-04T10:00:00Z" }),
    );
    expect(docsOnly.status).toBe("ignored");
    expect(docsOnly.detail).toMatch(/changes none of their paths or labels/);

    // The deployment payload may name the service itself.
    const named = await deliver(
      "deployment_status",
      githubDeploymentStatus({
        repo,
        deploymentId: 4,
        sha: sha("c1"),
        finishedAt: "2026-02-04T11:00:00Z",
        payload: { service: search.slug },
      }),
    );
    expect(named.status).toBe("applied");
    expect((await deployed(search.id)).map((d) => d.externalId)).toEqual(["gh-1", "gh-4"]);
  });

  it("labels attribute a pull request's deployment; without any path or label the whole-repository service takes it", async () => {
    const name = uniq("mono");
    const { svc: web, repo } = await repoService("github.com", { repo: name, labels: ["area/web"] });
    const { svc: platform } = await repoService("github.com", { repo: name });
    await deliver(
      "push",
      githubPush({
        repo,
        ref: "refs/heads/new-nav",
        before: ZERO,
        after: sha("e1"),
        commits: [{ sha: sha("e1"), timestamp: "2026-02-02T06:00:00Z", modified: ["apps/web/nav.tsx"] }],
      }),
    );
    await deliver(
      "pull_request",
      githubPullRequestClosed({
        repo,
        number: 12,
        labels: ["area/web"],
        createdAt: "2026-02-02T07:00:00Z",
        mergedAt: "2026-02-02T08:00:00Z",
        mergeCommitSha: sha("m1"),
        headRef: "new-nav",
        headSha: sha("e1"),
      }),
    );
    await deliver(
      "push",
      githubPush({
        repo,
        before: ZERO,
        after: sha("m1"),
        commits: [
          { sha: sha("e1"), timestamp: "2026-02-02T06:00:00Z", modified: ["apps/web/nav.tsx"] },
          { sha: sha("m1"), timestamp: "2026-02-02T08:00:00Z", modified: [] },
        ],
      }),
    );
    await deliver(
      "deployment_status",
      githubDeploymentStatus({ repo, deploymentId: 1, sha: sha("m1"), finishedAt: "2026-02-02T10:00:00Z" }),
    );
    // web takes PR #12 (coding 60 + review 60 + deploy 120 = 240 minutes); platform gets nothing.
    expect((await report(web.slug))?.leadTimeForChanges).toMatchObject({ medianMinutes: 240, samples: 1 });
    expect(await deployed(platform.id)).toEqual([]);

    // A deployment whose pushes never arrived cannot say whose it is: the whole-repository service takes it.
    await deliver(
      "deployment_status",
      githubDeploymentStatus({ repo, deploymentId: 2, sha: sha("ff"), finishedAt: "2026-02-05T10:00:00Z" }),
    );
    expect((await deployed(platform.id)).map((d) => d.externalId)).toEqual(["gh-2"]);
  });

  it("services share a repository only by paths and labels that do not overlap", async () => {
    const team = await makeTeam(prisma);
    const user = await makeUser(prisma, { role: "platform" });
    const actor = actorFor({ id: user.id, email: user.email, role: "platform" });
    const repoUrl = `https://github.com/acme/${uniq("mono")}`;
    const create = (extra: Record<string, unknown>) =>
      createService(
        ZServiceInput.parse({ name: "Mono", team: team.slug, tier: 2, lifecycle: "production", repoUrl, ...extra }),
        actor,
      );
    await create({ slug: uniq("pay"), repoPaths: ["services/payments/"] });
    await create({ slug: uniq("whole") });
    await expect(create({ slug: uniq("pay2"), repoPaths: "services" })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/the path services\/ overlaps service/),
    });
    await expect(create({ slug: uniq("whole2") })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/already belongs to service/),
    });
    const search = await create({ slug: uniq("search"), repoPaths: ["./services/search"] });
    expect(
      (await prisma.service.findUniqueOrThrow({ where: { slug: search.slug }, select: { repoPaths: true } })).repoPaths,
      "stored as a directory prefix",
    ).toEqual(["services/search/"]);
  });
});
