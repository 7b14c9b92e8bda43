import "server-only";
import type { GithubMapping } from "@/lib/delivery/sources/github";
import { derivedFix } from "./derived-fixes";
import { type RepoScope, shippedBy } from "./git-history";
import type { TDeploymentRecord } from "./record-events";

// Which services a forge's deployment counts for (one repository, or a monorepo's services by their
// paths and labels: README, "Monorepos"), and what each of them shipped and fixed.

export type Holder = { id: string; slug: string; repoPaths: string[]; repoLabels: string[] };
type DeploymentMapping = Extract<GithubMapping, { kind: "deployment" }>;

/**
 * Which services a deployment of a repository counts for. One service holding the whole repository
 * takes it all. In a monorepo (services scoped by path prefixes or labels), the service the event
 * names takes it; otherwise every scoped service whose changes it ships; otherwise, when none, the
 * service that holds the whole repository, if there is one (README, "Monorepos").
 */
export async function attribute(
  mapped: DeploymentMapping,
  holders: Holder[],
): Promise<{ records: TDeploymentRecord[]; monorepo: boolean } | { ignored: string }> {
  const scopeOf = (h: Holder) =>
    h.repoPaths.length > 0 || h.repoLabels.length > 0 ? { paths: h.repoPaths, labels: h.repoLabels } : null;
  const whole = holders.find((h) => scopeOf(h) === null);
  const scoped = holders.filter((h) => scopeOf(h) !== null);
  if (scoped.length === 0 && whole) return { records: [await withHistory(mapped, whole, null)], monorepo: false };
  const named = mapped.service ? holders.find((h) => h.slug === mapped.service) : undefined;
  // Named by the event: it counts for that service, with that service's own changes.
  if (named) return { records: [await withHistory(mapped, named, scopeOf(named))], monorepo: true };
  // A failed deployment ships nothing, so its changes cannot say whose it was: it is listed for the
  // whole-repository holder, or else for every scoped service (it counts in no figure).
  if (mapped.deployment.status !== "success") {
    const owners = whole ? [whole] : scoped;
    return { records: await Promise.all(owners.map((h) => withHistory(mapped, h, null))), monorepo: true };
  }
  const records: TDeploymentRecord[] = [];
  let pathsKnown = false;
  for (const h of scoped) {
    const record = await withHistory(mapped, h, scopeOf(h));
    pathsKnown ||= record.pathsKnown;
    if (record.inScope) records.push(record);
  }
  if (records.length > 0) return { records, monorepo: true };
  if (whole) return { records: [await withHistory(mapped, whole, null)], monorepo: true };
  const names = scoped.map((h) => h.slug).join(", ");
  return {
    ignored: pathsKnown
      ? `the repository ${mapped.repo} is shared by ${names}, and this deployment changes none of their paths or labels`
      : `the repository ${mapped.repo} is shared by ${names}, and the pushes delivered do not say which paths this deployment changed: name the service in the deployment payload ({"service": "<slug>"}), or give one service the whole repository`,
  };
}

/**
 * A deployment with the commits and pull requests the pushes say it shipped (only the service's
 * own, with a scope), and the earlier deployment it fixes, named or by convention.
 */
export async function withHistory(
  mapped: DeploymentMapping,
  service: Holder,
  scope: RepoScope | null,
): Promise<TDeploymentRecord & { inScope: boolean; pathsKnown: boolean }> {
  const base = { ...mapped.deployment, service: service.slug, sha: mapped.sha };
  if (!mapped.sha || mapped.deployment.status !== "success") return { ...base, inScope: false, pathsKnown: false };
  const finishedAt = new Date(mapped.deployment.finishedAt);
  const { markers, ...shipped } = await shippedBy(mapped.repo, service.id, mapped.sha, finishedAt, scope);
  const record = { ...base, ...shipped };
  if (mapped.deployment.fixes) return { ...record, rework: true, fixRule: "explicit" };
  const fix = await derivedFix(service.id, mapped.sha, finishedAt, markers);
  return fix ? { ...record, rework: true, fixes: fix.fixes, fixRule: fix.fixRule } : record;
}
