import "server-only";
import { prisma } from "@/lib/core/db/client";
import { Prisma } from "@/generated/prisma/client";
import type { GitPullRequestFacts, GitPushFacts } from "@/lib/delivery/sources/github";
import type { TDeploymentInput } from "@/lib/delivery/schemas";
import { pathInScope } from "@/lib/core/repository-key";

// Lead time from GitHub webhooks alone. Pushes and merged pull requests are kept by repository; a
// successful deployment of sha S then ships the commits that reached S since the service's previous
// successful production deployment, found by walking the pushes back from S (`after` = S, then its
// `before`, …) until a commit that deployment shipped. Its pull requests are the merged ones whose
// merge commit it ships. When the walk breaks on a push that was never delivered, the deployment
// keeps the commits seen and is marked incomplete, which the DORA report warns about.
//
// In a monorepo a service takes only its own changes: the commits whose changed paths are under its
// prefixes, and the pull requests that carry one of its labels or change its paths
// (README, "Monorepos").

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
        commits: {
          createMany: {
            data: commits.map((c) => ({
              sha: c.sha,
              authoredAt: c.authoredAt,
              paths: c.paths ?? [],
              pathsKnown: c.paths !== null,
              revertsSha: c.revertsSha,
              revertsPr: c.revertsPr,
            })),
          },
        },
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
    labels: pr.labels,
    revertsNumber: pr.revertsNumber,
  };
  await prisma.gitPullRequest.upsert({
    where: { repoKey_number: { repoKey, number: pr.number } },
    create: { repoKey, number: pr.number, ...data },
    update: data,
  });
}

/** A monorepo service's share of a repository: its path prefixes and its labels. */
export type RepoScope = { paths: string[]; labels: string[] };

/** What a shipped change says about the deployments it fixes (lib/delivery/server/derived-fixes.ts). */
export type ShippedMarkers = {
  revertsShas: string[];
  revertsPullRequests: number[];
  pullRequests: Array<{ number: number; labels: string[]; headRef: string }>;
};

export type Shipped = Pick<TDeploymentInput, "commits" | "pullRequests"> & {
  commitsIncomplete: boolean;
  markers: ShippedMarkers;
  /** Monorepo: whether any shipped change is the service's, and whether the events could tell. */
  inScope: boolean;
  pathsKnown: boolean;
};

type WalkedCommit = {
  sha: string;
  authoredAt: Date | null;
  paths: string[];
  pathsKnown: boolean;
  revertsSha: string | null;
  revertsPr: number | null;
};

/** The service's latest successful production deployment before `finishedAt`: what it shipped. */
async function previousShas(serviceId: string, finishedAt: Date): Promise<Set<string> | null> {
  const previous = await prisma.deployment.findFirst({
    where: { serviceId, status: "success", environment: "production", finishedAt: { lt: finishedAt } },
    orderBy: { finishedAt: "desc" },
    select: { sha: true, commits: { select: { sha: true } } },
  });
  if (!previous) return null;
  return new Set([...previous.commits.map((c) => c.sha), ...(previous.sha ? [previous.sha] : [])]);
}

const COMMIT_FIELDS = {
  sha: true,
  authoredAt: true,
  paths: true,
  pathsKnown: true,
  revertsSha: true,
  revertsPr: true,
} as const;

/**
 * The commits and pull requests a deployment of `sha` shipped, as far as the pushes show; with a
 * scope, only the service's own.
 */
export async function shippedBy(
  repoKey: string,
  serviceId: string,
  sha: string,
  finishedAt: Date,
  scope: RepoScope | null = null,
): Promise<Shipped> {
  const noMarkers: ShippedMarkers = { revertsShas: [], revertsPullRequests: [], pullRequests: [] };
  const anyPush = await prisma.gitPush.findFirst({ where: { repoKey }, select: { id: true } });
  // No push was ever delivered for this repository: the push webhook is not set up.
  if (!anyPush)
    return {
      commits: scope ? [] : [{ sha, authoredAt: null }],
      pullRequests: [],
      commitsIncomplete: false,
      markers: noMarkers,
      inScope: false,
      pathsKnown: false,
    };
  const previous = await previousShas(serviceId, finishedAt);
  const walked = new Map<string, WalkedCommit>();
  const seen = new Set<string>();
  let cur: string | null = sha;
  let complete = false;
  for (let steps = 0; cur && steps < MAX_PUSHES; steps++) {
    if (previous?.has(cur) || seen.has(cur)) {
      complete = true;
      break;
    }
    seen.add(cur);
    const push: { before: string | null; commits: WalkedCommit[] } | null = await prisma.gitPush.findFirst({
      where: { repoKey, after: cur },
      orderBy: { receivedAt: "desc" },
      select: { before: true, commits: { select: COMMIT_FIELDS } },
    });
    if (!push) break;
    for (const c of push.commits) if (!previous?.has(c.sha)) walked.set(c.sha, c);
    if (push.before === null) {
      complete = true; // the ref was created here: nothing came before it
      break;
    }
    cur = push.before;
  }
  if (!previous) complete = true; // a first deployment ships what the pushes show
  const inScope = (c: WalkedCommit) => !scope || (c.pathsKnown && c.paths.some((p) => pathInScope(p, scope.paths)));
  const commits = [...walked.values()].filter(inScope);
  if (!scope && !walked.has(sha) && !previous?.has(sha))
    commits.push({ sha, authoredAt: null, paths: [], pathsKnown: false, revertsSha: null, revertsPr: null });
  const merged = await prisma.gitPullRequest.findMany({
    where: { repoKey, mergeCommitSha: { in: [...walked.keys(), sha] } },
    orderBy: { number: "asc" },
  });
  const prs = await Promise.all(
    merged.map(async (pr) => ({ pr, branch: await branchCommitsOf(repoKey, pr.headRef, pr.mergedAt) })),
  );
  const labels = new Set((scope?.labels ?? []).map((l) => l.toLowerCase()));
  const prInScope = ({ pr, branch }: (typeof prs)[number]) =>
    !scope ||
    pr.labels.some((l) => labels.has(l.toLowerCase())) ||
    commits.some((c) => c.sha === pr.mergeCommitSha) ||
    branch.some((c) => c.pathsKnown && c.paths.some((p) => pathInScope(p, scope.paths)));
  const ownPrs = prs.filter(prInScope);
  return {
    commits: commits.map((c) => ({ sha: c.sha, authoredAt: c.authoredAt?.toISOString() ?? null })),
    pullRequests: ownPrs.map(({ pr, branch }) => ({
      number: pr.number,
      firstCommitAt: firstOf(branch)?.toISOString() ?? null,
      openedAt: pr.openedAt.toISOString(),
      mergedAt: pr.mergedAt.toISOString(),
    })),
    commitsIncomplete: !complete,
    markers: {
      revertsShas: commits.flatMap((c) => (c.revertsSha ? [c.revertsSha] : [])),
      revertsPullRequests: [
        ...commits.flatMap((c) => (c.revertsPr ? [c.revertsPr] : [])),
        ...ownPrs.flatMap(({ pr }) => (pr.revertsNumber ? [pr.revertsNumber] : [])),
      ],
      pullRequests: ownPrs.map(({ pr }) => ({ number: pr.number, labels: pr.labels, headRef: pr.headRef })),
    },
    inScope: commits.length > 0 || ownPrs.length > 0,
    pathsKnown: [...walked.values()].some((c) => c.pathsKnown) || prs.some(({ pr }) => pr.labels.length > 0),
  };
}

const firstOf = (commits: WalkedCommit[]): Date | null =>
  commits.reduce<Date | null>((min, c) => (c.authoredAt && (!min || c.authoredAt < min) ? c.authoredAt : min), null);

/**
 * A pull request's own commits: those pushed to its head branch, authored before it merged and after
 * the previous pull request from the same branch merged (branch names are reused). The earliest is
 * its first commit.
 */
async function branchCommitsOf(repoKey: string, headRef: string, mergedAt: Date): Promise<WalkedCommit[]> {
  const earlier = await prisma.gitPullRequest.findFirst({
    where: { repoKey, headRef, mergedAt: { lt: mergedAt } },
    orderBy: { mergedAt: "desc" },
    select: { mergedAt: true },
  });
  return prisma.gitPushCommit.findMany({
    where: {
      push: { repoKey, ref: `refs/heads/${headRef}` },
      authoredAt: { lte: mergedAt, ...(earlier ? { gt: earlier.mergedAt } : {}) },
    },
    select: COMMIT_FIELDS,
    take: 2000,
  });
}
