import "server-only";
import { prisma } from "@/lib/core/db/client";
import { isHotfix } from "@/lib/delivery/sources/git-conventions";
import type { ShippedMarkers } from "./git-history";
import type { FixRule } from "./record-events";

// Rework derived from GitHub and GitLab conventions: which earlier deployment a deployment fixes,
// reverts or rolls back. The first rule that applies wins:
//   1. revert: it ships a revert of a change an earlier deployment shipped ("This reverts commit
//      <sha>", GitLab's "This reverts merge request !N", GitHub's revert pull request "Reverts
//      owner/repo#N"): it fixes the earliest deployment that shipped that change;
//   2. rollback: it deploys the sha an earlier deployment deployed, and the deployment it replaces
//      deployed another: it fixes the one it replaces;
//   3. hotfix: it ships a pull or merge request labelled "hotfix", or from a hotfix/… branch: it
//      fixes the one it replaces.
// "Earlier deployment" always means a counted one (success, production) of the same service. A
// revert whose original was never deployed here is still rework, with nothing to blame.

export type DerivedFix = { fixes: string | null; fixRule: FixRule; rework: true };

const counted = { status: "success", environment: "production" } as const;

export async function derivedFix(
  serviceId: string,
  sha: string | null,
  finishedAt: Date,
  markers: ShippedMarkers,
): Promise<DerivedFix | null> {
  const before = { serviceId, ...counted, finishedAt: { lt: finishedAt } };
  if (markers.revertsShas.length > 0 || markers.revertsPullRequests.length > 0) {
    const [byCommit, byPullRequest] = await Promise.all([
      prisma.deployment.findFirst({
        where: { ...before, commits: { some: { sha: { in: markers.revertsShas } } } },
        orderBy: [{ finishedAt: "asc" }, { id: "asc" }],
        select: { externalId: true, finishedAt: true },
      }),
      prisma.deployment.findFirst({
        where: { ...before, pullRequests: { some: { number: { in: markers.revertsPullRequests } } } },
        orderBy: [{ finishedAt: "asc" }, { id: "asc" }],
        select: { externalId: true, finishedAt: true },
      }),
    ]);
    const target = [byCommit, byPullRequest]
      .filter((d) => d !== null)
      .sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime())[0];
    return { fixes: target?.externalId ?? null, fixRule: "revert", rework: true };
  }
  const replaced = await prisma.deployment.findFirst({
    where: before,
    orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
    select: { externalId: true, sha: true },
  });
  if (!replaced) return null;
  if (sha && replaced.sha && replaced.sha !== sha) {
    const redeployed = await prisma.deployment.findFirst({ where: { ...before, sha }, select: { id: true } });
    if (redeployed) return { fixes: replaced.externalId, fixRule: "rollback", rework: true };
  }
  if (markers.pullRequests.some((pr) => isHotfix(pr.labels, pr.headRef)))
    return { fixes: replaced.externalId, fixRule: "hotfix", rework: true };
  return null;
}
