import "server-only";
import { prisma } from "@/lib/core/db/client";
import { Prisma } from "@/generated/prisma/client";
import type { GitPullRequestFacts, GitPushFacts } from "@/lib/delivery/sources/github";
import type { TDeploymentInput } from "@/lib/delivery/schemas";

// Lead time from GitHub webhooks alone. Pushes and merged pull requests are kept by repository; a
// successful deployment of sha S then ships the commits that reached S since the service's previous
// successful production deployment, found by walking the pushes back from S (`after` = S, then its
// `before`, …) until a commit that deployment shipped. Its pull requests are the merged ones whose
// merge commit it ships. When the walk breaks on a push that was never delivered, the deployment
// keeps the commits seen and is marked incomplete, which the DORA report warns about.

/** How many pushes one deployment may walk back through (a long-unreleased branch). */
const MAX_PUSHES = 500;

export async function recordPush(repoKey: string, deliveryId: string, push: GitPushFacts): Promise<void> {
  const commits = [...new Map(push.commits.map((c) => [c.sha, c])).values()];
  try {
    await prisma.gitPush.create({
      data: {
        repoKey,
        deliveryId,
        ref: push.ref,
        before: push.before,
        after: push.after,
        forced: push.forced,
        commits: { createMany: { data: commits.map((c) => ({ sha: c.sha, authoredAt: c.authoredAt })) } },
      },
    });
  } catch (error) {
    // The same delivery twice (a crash after recording, before remembering): already there.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
}

export async function recordPullRequest(repoKey: string, pr: GitPullRequestFacts): Promise<void> {
  const data = {
    openedAt: new Date(pr.openedAt),
    mergedAt: new Date(pr.mergedAt),
    mergeCommitSha: pr.mergeCommitSha,
    headRef: pr.headRef,
    headSha: pr.headSha,
    baseRef: pr.baseRef,
  };
  await prisma.gitPullRequest.upsert({
    where: { repoKey_number: { repoKey, number: pr.number } },
    create: { repoKey, number: pr.number, ...data },
    update: data,
  });
}

export type Shipped = Pick<TDeploymentInput, "commits" | "pullRequests"> & { commitsIncomplete: boolean };

/** The shas the service's latest successful production deployment before `finishedAt` shipped. */
async function previousShas(serviceId: string, finishedAt: Date): Promise<Set<string> | null> {
  const previous = await prisma.deployment.findFirst({
    where: { serviceId, status: "success", environment: "production", finishedAt: { lt: finishedAt } },
    orderBy: { finishedAt: "desc" },
    select: { commits: { select: { sha: true } } },
  });
  return previous ? new Set(previous.commits.map((c) => c.sha)) : null;
}

/** The commits and pull requests a deployment of `sha` shipped, as far as the pushes show. */
export async function shippedBy(repoKey: string, serviceId: string, sha: string, finishedAt: Date): Promise<Shipped> {
  const anyPush = await prisma.gitPush.findFirst({ where: { repoKey }, select: { id: true } });
  // No push was ever delivered for this repository: the push webhook is not set up.
  if (!anyPush) return { commits: [{ sha, authoredAt: null }], pullRequests: [], commitsIncomplete: false };
  const previous = await previousShas(serviceId, finishedAt);
  const commits = new Map<string, string | null>();
  const seen = new Set<string>();
  let cur: string | null = sha;
  let complete = false;
  for (let walked = 0; cur && walked < MAX_PUSHES; walked++) {
    if (previous?.has(cur) || seen.has(cur)) {
      complete = true;
      break;
    }
    seen.add(cur);
    const push: { before: string | null; commits: Array<{ sha: string; authoredAt: Date | null }> } | null =
      await prisma.gitPush.findFirst({
        where: { repoKey, after: cur },
        orderBy: { receivedAt: "desc" },
        select: { before: true, commits: { select: { sha: true, authoredAt: true } } },
      });
    if (!push) break;
    for (const c of push.commits) if (!previous?.has(c.sha)) commits.set(c.sha, c.authoredAt?.toISOString() ?? null);
    if (push.before === null) {
      complete = true; // the ref was created here: nothing came before it
      break;
    }
    cur = push.before;
  }
  if (!previous) complete = true; // a first deployment ships what the pushes show
  if (!commits.has(sha) && !previous?.has(sha)) commits.set(sha, null);
  const shas = [...commits.keys()];
  const prs = await prisma.gitPullRequest.findMany({
    where: { repoKey, mergeCommitSha: { in: shas } },
    orderBy: { number: "asc" },
  });
  const pullRequests = await Promise.all(
    prs.map(async (pr) => ({
      number: pr.number,
      firstCommitAt: (await firstCommitOf(repoKey, pr.headRef, pr.mergedAt))?.toISOString() ?? null,
      openedAt: pr.openedAt.toISOString(),
      mergedAt: pr.mergedAt.toISOString(),
    })),
  );
  return {
    commits: [...commits].map(([s, authoredAt]) => ({ sha: s, authoredAt })),
    pullRequests,
    commitsIncomplete: !complete,
  };
}

/**
 * A pull request's first commit: the earliest commit pushed to its head branch before it merged,
 * and after the previous pull request from the same branch merged (branch names are reused).
 */
async function firstCommitOf(repoKey: string, headRef: string, mergedAt: Date): Promise<Date | null> {
  const earlier = await prisma.gitPullRequest.findFirst({
    where: { repoKey, headRef, mergedAt: { lt: mergedAt } },
    orderBy: { mergedAt: "desc" },
    select: { mergedAt: true },
  });
  const first = await prisma.gitPushCommit.aggregate({
    where: {
      push: { repoKey, ref: `refs/heads/${headRef}` },
      authoredAt: { lte: mergedAt, ...(earlier ? { gt: earlier.mergedAt } : {}) },
    },
    _min: { authoredAt: true },
  });
  return first._min.authoredAt;
}
