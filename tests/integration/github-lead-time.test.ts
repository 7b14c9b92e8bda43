// Lead time from GitHub webhooks alone: pushes and merged pull requests, then deployment_status.
// Every delivery is in the shape of octokit/webhooks' payload examples; the figures are worked out
// by hand from the contract (ceil-minutes per commit, or per PR: coding + review + deploy; DevLake's
// lower median).
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { getDoraReport } from "@/lib/delivery/server/dora";
import { handleGithubDelivery } from "@/lib/delivery/server/webhook-deliveries";
import { makeTeam, uniq } from "../support/factories";
import { githubDeploymentStatus, githubPullRequestClosed, githubPush } from "../support/vendor-payloads";

const ZERO = "0".repeat(40);
const sha = (tag: string) => tag.padEnd(40, "0");

async function repoService() {
  const team = await makeTeam(prisma);
  const name = uniq("api");
  const svc = await prisma.service.create({
    data: {
      slug: uniq("gh"),
      name: "GH",
      teamId: team.id,
      tier: 2,
      lifecycle: "production",
      repoUrl: `https://github.com/acme/${name}`,
      repoSlug: `github.com/acme/${name}`,
    },
  });
  return { svc, repo: { owner: "acme", name } };
}

const deliver = (event: string, payload: unknown) => handleGithubDelivery(uniq("gh-delivery"), event, payload);

const report = (slug: string, from: string, to: string) =>
  getDoraReport(SYSTEM_ACTOR, { service: slug }, { from: new Date(from), to: new Date(to) }, "2023");

describe("lead time from pushes", () => {
  it("a deployment ships the commits pushed since the previous one, with their dates", async () => {
    const { svc, repo } = await repoService();
    // Day 1: the branch is created with a1, a2; a2 is deployed at 10:00.
    await deliver(
      "push",
      githubPush({
        repo,
        before: ZERO,
        after: sha("a2"),
        commits: [
          { sha: sha("a1"), timestamp: "2026-02-01T08:00:00+00:00" },
          { sha: sha("a2"), timestamp: "2026-02-01T09:30:00+01:00" }, // 08:30 UTC
        ],
      }),
    );
    const first = githubDeploymentStatus({
      repo,
      deploymentId: 1,
      sha: sha("a2"),
      createdAt: "2026-02-01T09:55:00Z",
      finishedAt: "2026-02-01T10:00:00Z",
    });
    expect(await deliver("deployment_status", first)).toEqual({ status: "applied" });
    // Day 2: two pushes, then c1 is deployed at 12:00.
    await deliver(
      "push",
      githubPush({
        repo,
        before: sha("a2"),
        after: sha("b2"),
        commits: [
          { sha: sha("b1"), timestamp: "2026-02-02T09:00:00Z" },
          { sha: sha("b2"), timestamp: "2026-02-02T09:40:00Z" },
        ],
      }),
    );
    await deliver(
      "push",
      githubPush({
        repo,
        before: sha("b2"),
        after: sha("c1"),
        commits: [{ sha: sha("c1"), timestamp: "2026-02-02T11:00:00Z" }],
      }),
    );
    const second = githubDeploymentStatus({
      repo,
      deploymentId: 2,
      sha: sha("c1"),
      createdAt: "2026-02-02T11:50:00Z",
      finishedAt: "2026-02-02T12:00:00Z",
    });
    expect(await deliver("deployment_status", second)).toEqual({ status: "applied" });

    const shipped = await prisma.deploymentCommit.findMany({
      where: { deployment: { serviceId: svc.id, externalId: "gh-2" } },
      orderBy: { sha: "asc" },
      select: { sha: true, authoredAt: true },
    });
    expect(shipped).toEqual([
      { sha: sha("b1"), authoredAt: new Date("2026-02-02T09:00:00Z") },
      { sha: sha("b2"), authoredAt: new Date("2026-02-02T09:40:00Z") },
      { sha: sha("c1"), authoredAt: new Date("2026-02-02T11:00:00Z") },
    ]);
    // Samples: a1 120, a2 90 (first deployment); b1 180, b2 140, c1 60. Sorted 60 90 120 140 180:
    // the lower median is the 3rd, 120.
    const dora = await report(svc.slug, "2026-02-01T00:00:00Z", "2026-02-03T00:00:00Z");
    expect(dora?.leadTimeForChanges).toMatchObject({ medianMinutes: 120, samples: 5 });
    expect(dora?.warnings.join(" ")).not.toMatch(/never delivered/);
  });

  it("a push that never arrived leaves the commits seen, and a warning instead of a wrong number", async () => {
    const { svc, repo } = await repoService();
    await deliver(
      "push",
      githubPush({
        repo,
        before: ZERO,
        after: sha("a1"),
        commits: [{ sha: sha("a1"), timestamp: "2026-02-01T08:00:00Z" }],
      }),
    );
    await deliver(
      "deployment_status",
      githubDeploymentStatus({ repo, deploymentId: 1, sha: sha("a1"), finishedAt: "2026-02-01T09:00:00Z" }),
    );
    // The push a1 → b1 was lost; only b1 → c1 arrives.
    await deliver(
      "push",
      githubPush({
        repo,
        before: sha("b1"),
        after: sha("c1"),
        commits: [{ sha: sha("c1"), timestamp: "2026-02-02T10:00:00Z" }],
      }),
    );
    const outcome = await deliver(
      "deployment_status",
      githubDeploymentStatus({ repo, deploymentId: 2, sha: sha("c1"), finishedAt: "2026-02-02T10:30:00Z" }),
    );
    expect(outcome).toEqual({
      status: "applied",
      detail: "a push before this deployment was never delivered: its lead time counts only the commits seen",
    });
    const dora = await report(svc.slug, "2026-02-02T00:00:00Z", "2026-02-03T00:00:00Z");
    // c1 alone: 30 minutes; b1 is unknown, and said to be.
    expect(dora?.leadTimeForChanges).toMatchObject({ medianMinutes: 30, samples: 1 });
    expect(dora?.warnings).toContain(
      "1 deployment(s) in this period shipped commits from a push that was never delivered: their lead time counts only the commits seen.",
    );
  });

  it("without any push delivered, a deployment keeps its sha and lead time stays unknown", async () => {
    const { svc, repo } = await repoService();
    await deliver(
      "deployment_status",
      githubDeploymentStatus({ repo, deploymentId: 9, sha: sha("d1"), finishedAt: "2026-02-05T10:00:00Z" }),
    );
    const dora = await report(svc.slug, "2026-02-05T00:00:00Z", "2026-02-06T00:00:00Z");
    expect(dora?.leadTimeForChanges).toMatchObject({ medianMinutes: null, samples: 0 });
    expect(dora?.warnings.join(" ")).not.toMatch(/never delivered/);
  });
});

describe("lead time from merged pull requests", () => {
  it("a deployment of a PR's merge commit takes the PR's coding, review and deploy times", async () => {
    const { svc, repo } = await repoService();
    await deliver(
      "push",
      githubPush({
        repo,
        ref: "refs/heads/feature-x",
        before: ZERO,
        after: sha("f2"),
        commits: [
          { sha: sha("f1"), timestamp: "2026-03-01T09:00:00Z" },
          { sha: sha("f2"), timestamp: "2026-03-01T10:00:00Z" },
        ],
      }),
    );
    // Closed without merging, and other actions: acknowledged and ignored.
    expect(
      await deliver(
        "pull_request",
        githubPullRequestClosed({
          repo,
          number: 6,
          createdAt: "2026-03-01T08:00:00Z",
          mergedAt: null,
          mergeCommitSha: sha("x6"),
          headRef: "abandoned",
          headSha: sha("x5"),
        }),
      ),
    ).toEqual({ status: "ignored", detail: "pull request #6 was closed without merging" });
    expect((await deliver("pull_request", { action: "opened", pull_request: {} })).status).toBe("ignored");
    expect(
      await deliver(
        "pull_request",
        githubPullRequestClosed({
          repo,
          number: 7,
          createdAt: "2026-03-01T11:00:00Z",
          mergedAt: "2026-03-01T13:00:00Z",
          mergeCommitSha: sha("m7"),
          headRef: "feature-x",
          headSha: sha("f2"),
        }),
      ),
    ).toEqual({ status: "applied", detail: "pull request #7 merged" });
    await deliver(
      "push",
      githubPush({
        repo,
        before: sha("base"),
        after: sha("m7"),
        commits: [{ sha: sha("m7"), timestamp: "2026-03-01T13:00:00Z" }],
      }),
    );
    await deliver(
      "deployment_status",
      githubDeploymentStatus({ repo, deploymentId: 70, sha: sha("m7"), finishedAt: "2026-03-01T14:30:00Z" }),
    );
    // coding 09:00 → 11:00 = 120, review 11:00 → 13:00 = 120, deploy 13:00 → 14:30 = 90: 330.
    const dora = await report(svc.slug, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");
    expect(dora?.leadTimeForChanges).toMatchObject({
      medianMinutes: 330,
      samples: 1,
      codingMinutes: 120,
      reviewMinutes: 120,
      deployMinutes: 90,
    });
  });
});
