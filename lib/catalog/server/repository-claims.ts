import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/core/errors";

/**
 * One service holds a whole repository; in a monorepo, services share it by path prefixes or labels,
 * and no two claim overlapping paths or the same label. Another service's claim is a conflict that
 * names it, so a repository's deployments can never be taken by another team's service unawares.
 */
export async function assertRepositoryFree(
  tx: Prisma.TransactionClient,
  repoSlug: string | null,
  serviceId: string | null,
  scope: { paths: string[]; labels: string[] },
) {
  if (!repoSlug) return;
  const holders = await tx.service.findMany({
    where: { repoSlug, ...(serviceId ? { id: { not: serviceId } } : {}) },
    select: { slug: true, repoPaths: true, repoLabels: true },
  });
  const whole = (paths: string[], labels: string[]) => paths.length === 0 && labels.length === 0;
  const conflict = (path: string, message: string) => {
    throw new AppError("conflict", `Repository ${repoSlug}: ${message}`, [{ path, message }]);
  };
  for (const h of holders) {
    if (whole(scope.paths, scope.labels) && whole(h.repoPaths, h.repoLabels))
      conflict("repoUrl", `already belongs to service "${h.slug}"`);
    const path = scope.paths.find((p) => h.repoPaths.some((q) => p.startsWith(q) || q.startsWith(p)));
    if (path) conflict("repoPaths", `the path ${path} overlaps service "${h.slug}"'s paths`);
    const label = scope.labels.find((l) => h.repoLabels.some((m) => m.toLowerCase() === l.toLowerCase()));
    if (label) conflict("repoLabels", `the label "${label}" already marks service "${h.slug}"`);
  }
}
