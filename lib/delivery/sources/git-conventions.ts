// The conventions by which a forge's events say that a change fixes an earlier one (rework derived,
// CONTRACT §4's rework rate and change failure rate), and the paths a change touches (monorepos).
// Pure: read from push commits and merged pull or merge requests.

/** `git revert` writes "This reverts commit <sha>."; GitLab's revert button "This reverts merge request !N". */
export function revertMarkers(message: string | null | undefined): { sha: string | null; mergeRequest: number | null } {
  const text = message ?? "";
  const sha = /This reverts commit ([0-9a-f]{7,64})/i.exec(text)?.[1]?.toLowerCase() ?? null;
  const mr = /This reverts merge request !(\d{1,9})\b/i.exec(text)?.[1];
  return { sha, mergeRequest: mr ? Number(mr) : null };
}

/** GitHub's "Revert" button opens a pull request whose body starts "Reverts owner/repo#N". */
export function revertedPullRequest(body: string | null | undefined): number | null {
  const n = /^\s*Reverts (?:[\w.-]+\/[\w.-]+)?#(\d{1,9})\b/im.exec(body ?? "")?.[1];
  return n ? Number(n) : null;
}

/** A hotfix: a label named "hotfix" (any case), or a head branch named hotfix/… or hotfix-…. */
export function isHotfix(labels: readonly string[], headRef: string): boolean {
  return labels.some((l) => l.trim().toLowerCase() === "hotfix") || /^hotfix[/-]/i.test(headRef);
}

/** Every path a push commit lists (added, modified, removed), or null when it lists none of the three. */
export function changedPaths(c: { added?: unknown; modified?: unknown; removed?: unknown }): string[] | null {
  const lists = [c.added, c.modified, c.removed].filter(Array.isArray) as unknown[][];
  if (lists.length === 0) return null;
  return [...new Set(lists.flat().filter((p): p is string => typeof p === "string"))];
}
