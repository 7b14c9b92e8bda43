import "server-only";
import { prisma } from "@/lib/core/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { type Actor, type SystemActor, authorize } from "@/lib/core/auth/permissions";
import { AppError, notFound } from "@/lib/core/errors";
import { type GithubMapping, mapGithubEvent } from "@/lib/delivery/sources/github";
import { mapGitlabEvent } from "@/lib/delivery/sources/gitlab";
import { mapPagerdutyEvent } from "@/lib/delivery/sources/pagerduty";
import { recordAudit } from "@/lib/core/db/audit";
import { type TDeploymentRecord, recordDeployments, recordIncidents } from "./record-events";
import { type RepoScope, recordPullRequest, recordPush, shippedBy } from "./git-history";
import { derivedFix } from "./derived-fixes";
import { type AlertProvider, ALERT_PROVIDERS, saveAlias, storedIncident } from "./incident-webhooks";

export type Provider = "github" | "gitlab" | "pagerduty" | AlertProvider;
const isAlertProvider = (p: Provider): p is AlertProvider => (ALERT_PROVIDERS as readonly string[]).includes(p);
export type WebhookOutcome = { status: "applied" | "duplicate" | "unmatched" | "ignored"; detail?: string };

const actorFor = (provider: Provider): SystemActor => ({
  kind: "system",
  id: `webhook:${provider}`,
  name: `webhook:${provider}`,
});

async function alreadyDelivered(provider: Provider, deliveryId: string) {
  return Boolean(
    await prisma.webhookDelivery.findUnique({
      where: { provider_deliveryId: { provider, deliveryId } },
      select: { outcome: true },
    }),
  );
}

async function remember(provider: Provider, deliveryId: string, outcome: string) {
  await prisma.webhookDelivery.createMany({ data: [{ provider, deliveryId, outcome }], skipDuplicates: true });
}

/** Applying is idempotent, so a crash between applying and remembering only means a harmless replay. */
export function handleGithubDelivery(deliveryId: string, event: string | null, payload: unknown) {
  return handleForgeDelivery("github", deliveryId, event, payload);
}

/** GitLab's deliveries, by the X-Gitlab-Event header, with the same guarantees as GitHub's. */
export function handleGitlabDelivery(deliveryId: string, event: string | null, payload: unknown) {
  return handleForgeDelivery("gitlab", deliveryId, event, payload);
}

type Forge = "github" | "gitlab";
const mapForgeEvent = (forge: Forge, event: string | null, payload: unknown) =>
  forge === "github" ? mapGithubEvent(event, payload) : mapGitlabEvent(event, payload);

async function handleForgeDelivery(
  forge: Forge,
  deliveryId: string,
  event: string | null,
  payload: unknown,
): Promise<WebhookOutcome> {
  if (await alreadyDelivered(forge, deliveryId)) return { status: "duplicate" };
  const mapped = mapForgeEvent(forge, event, payload);
  let outcome: WebhookOutcome;
  // A signed delivery is never refused (GitHub counts a 4xx as a failed delivery): what cannot be
  // used is acknowledged, with the reason.
  if (mapped.kind === "invalid") outcome = { status: "ignored", detail: `not understood: ${mapped.reason}` };
  else if (mapped.kind === "ignored") outcome = { status: "ignored", detail: mapped.reason };
  else if (mapped.kind === "push") {
    // Kept by repository whether or not a service has it yet: a later mapping finds the history.
    await recordPush(mapped.repo, `${forge}:${deliveryId}`, mapped.push);
    outcome = { status: "applied", detail: `${mapped.push.commits.length} commit(s) reached ${mapped.push.ref}` };
  } else if (mapped.kind === "pullRequest") {
    await recordPullRequest(mapped.repo, mapped.pullRequest);
    outcome = {
      status: "applied",
      detail: `${forge === "github" ? "pull request #" : "merge request !"}${mapped.pullRequest.number} merged`,
    };
  } else {
    const holders = await prisma.service.findMany({
      where: { repoSlug: mapped.repo },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, slug: true, repoPaths: true, repoLabels: true },
    });
    if (holders.length === 0) {
      await keepUnmatched(forge, deliveryId, mapped.repo, event ?? "unknown", payload);
      outcome = { status: "unmatched", detail: `no service has the repository ${mapped.repo}` };
    } else {
      const attributed = await attribute(mapped, holders);
      if ("ignored" in attributed) outcome = { status: "ignored", detail: attributed.ignored };
      else {
        for (const record of attributed.records)
          await recordDeployments([record], actorFor(forge), { single: true, source: forge });
        const notes = [
          ...(attributed.records.some((r) => r.commitsIncomplete)
            ? ["a push before this deployment was never delivered: its lead time counts only the commits seen"]
            : []),
          ...(attributed.monorepo ? [`attributed to ${attributed.records.map((r) => r.service).join(", ")}`] : []),
        ];
        outcome = notes.length > 0 ? { status: "applied", detail: notes.join("; ") } : { status: "applied" };
      }
    }
  }
  await remember(forge, deliveryId, outcome.status);
  return outcome;
}

export async function handlePagerdutyDelivery(payload: unknown): Promise<WebhookOutcome> {
  const mapped = mapPagerdutyEvent(payload);
  const deliveryId = mapped.eventId;
  if (deliveryId && (await alreadyDelivered("pagerduty", deliveryId))) return { status: "duplicate" };
  let outcome: WebhookOutcome;
  if (mapped.kind === "ignored") outcome = { status: "ignored", detail: mapped.reason };
  else {
    const service = await prisma.service.findUnique({
      where: { pagerdutyServiceId: mapped.pdServiceId },
      select: { slug: true },
    });
    if (!service) {
      await keepUnmatched("pagerduty", mapped.eventId, mapped.pdServiceId, "incident", payload);
      outcome = { status: "unmatched", detail: `no service has the PagerDuty service id ${mapped.pdServiceId}` };
    } else {
      await recordIncidents([{ ...mapped.incident, service: service.slug }], actorFor("pagerduty"), {
        single: true,
        source: "pagerduty",
      });
      outcome = { status: "applied" };
    }
  }
  if (deliveryId) await remember("pagerduty", deliveryId, outcome.status);
  return outcome;
}

type Holder = { id: string; slug: string; repoPaths: string[]; repoLabels: string[] };
type DeploymentMapping = Extract<GithubMapping, { kind: "deployment" }>;

/**
 * Which services a deployment of a repository counts for. One service holding the whole repository
 * takes it all. In a monorepo (services scoped by path prefixes or labels), the service the event
 * names takes it; otherwise every scoped service whose changes it ships; otherwise, when none, the
 * service that holds the whole repository, if there is one (README, "Monorepos").
 */
async function attribute(
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
async function withHistory(
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

async function keepUnmatched(
  provider: Provider,
  deliveryId: string | null,
  externalKey: string,
  eventType: string,
  payload: unknown,
) {
  await prisma.unmatchedEvent.create({
    data: {
      provider,
      deliveryId,
      externalKey,
      eventType,
      payload: JSON.parse(JSON.stringify(payload ?? null)) as Prisma.InputJsonValue,
    },
  });
}

/** Unmatched events waiting for a mapping, grouped by what they could not be matched on. */
export async function listUnmatched(actor: Actor | null) {
  authorize(actor, "event.map");
  const groups = await prisma.unmatchedEvent.groupBy({
    by: ["provider", "externalKey"],
    where: { resolvedAt: null },
    _count: { _all: true },
    _min: { receivedAt: true },
    _max: { receivedAt: true },
    orderBy: { _max: { receivedAt: "desc" } },
  });
  return groups.map((g) => ({
    provider: g.provider as Provider,
    externalKey: g.externalKey,
    events: g._count._all,
    firstAt: g._min.receivedAt,
    lastAt: g._max.receivedAt,
  }));
}

/**
 * Maps a repository (GitHub), PagerDuty service id, or an alerting tool's name for a service
 * (Alertmanager label, Opsgenie tag: saved as an alias) to a service, then replays every event that
 * waited for it, so they count. The mapping is kept for future deliveries.
 */
export async function mapUnmatched(
  input: { provider: Provider; externalKey: string; serviceSlug: string },
  actor: Actor,
) {
  authorize(actor, "event.map", null, "map unmatched events");
  const service = await prisma.service.findUnique({
    where: { slug: input.serviceSlug },
    select: { id: true, slug: true, repoSlug: true, pagerdutyServiceId: true },
  });
  if (!service) throw notFound(`Service "${input.serviceSlug}"`);
  const provider = input.provider;
  await prisma.$transaction(async (tx) => {
    if (isAlertProvider(provider)) {
      const taken = await tx.serviceAlias.findUnique({
        where: { provider_key: { provider, key: input.externalKey } },
        select: { service: { select: { slug: true } } },
      });
      if (taken && taken.service.slug !== service.slug)
        throw new AppError("conflict", `"${input.externalKey}" already maps to ${taken.service.slug}`);
      await saveAlias(tx, provider, input.externalKey, service.id);
    } else if (provider === "github" || provider === "gitlab") {
      // The service takes the whole repository (no paths or labels): a monorepo's services are
      // scoped on their own pages.
      const taken = await tx.service.findFirst({
        where: { repoSlug: input.externalKey, repoPaths: { isEmpty: true }, repoLabels: { isEmpty: true } },
        select: { slug: true },
      });
      if (taken && taken.slug !== service.slug)
        throw new AppError("conflict", `Repository ${input.externalKey} already maps to ${taken.slug}`);
      await tx.service.update({
        where: { id: service.id },
        data: { repoSlug: input.externalKey, repoUrl: `https://${input.externalKey}`, repoPaths: [], repoLabels: [] },
      });
    } else {
      const taken = await tx.service.findUnique({
        where: { pagerdutyServiceId: input.externalKey },
        select: { slug: true },
      });
      if (taken && taken.slug !== service.slug)
        throw new AppError("conflict", `PagerDuty service ${input.externalKey} already maps to ${taken.slug}`);
      await tx.service.update({ where: { id: service.id }, data: { pagerdutyServiceId: input.externalKey } });
    }
    await recordAudit(tx, actor, {
      action: "webhook.map",
      entityType: "service",
      entityId: service.id,
      serviceId: service.id,
      data: input,
    });
  });
  const events = await prisma.unmatchedEvent.findMany({
    where: { provider: input.provider, externalKey: input.externalKey, resolvedAt: null },
    orderBy: { receivedAt: "asc" },
  });
  let replayed = 0;
  for (const e of events) {
    const incident = isAlertProvider(provider) ? storedIncident(e.payload) : null;
    if (incident)
      await recordIncidents([{ ...incident, service: service.slug }], actorFor(provider), {
        single: true,
        source: provider,
      });
    else if (provider === "github" || provider === "gitlab") {
      const mapped = mapForgeEvent(provider, e.eventType, e.payload);
      if (mapped.kind === "deployment")
        await recordDeployments(
          [await withHistory(mapped, { ...service, repoPaths: [], repoLabels: [] }, null)],
          actorFor(provider),
          {
            single: true,
            source: provider,
          },
        );
    } else if (provider === "pagerduty") {
      const mapped = mapPagerdutyEvent(e.payload);
      if (mapped.kind === "incident")
        await recordIncidents([{ ...mapped.incident, service: service.slug }], actorFor("pagerduty"), {
          single: true,
          source: "pagerduty",
        });
    }
    await prisma.unmatchedEvent.update({
      where: { id: e.id },
      data: {
        resolvedAt: new Date(),
        resolvedServiceId: service.id,
        resolvedById: actor.kind === "user" ? actor.id : null,
      },
    });
    replayed++;
  }
  return { replayed };
}

export type WebhookProblem = { kind: "rejected" | "ignored"; reason: string; count: number; lastAt: Date };
export type WebhookActivity = {
  provider: string;
  /** accepted, unmatched (kept deliveries), and ignored, duplicate, rejected (tallied), over 30 days. */
  counts: Record<string, number>;
  lastAt: Date | null;
  /** The latest reasons for refusing or ignoring a delivery, newest first. */
  problems: WebhookProblem[];
};

/** Per source, the last 30 days of deliveries by result, and what went wrong lately. */
export async function webhookActivity(actor: Actor | null, now = new Date()): Promise<WebhookActivity[]> {
  authorize(actor, "event.map");
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const [kept, tallied, recent] = await Promise.all([
    prisma.webhookDelivery.groupBy({
      by: ["provider", "outcome"],
      where: { receivedAt: { gte: since }, outcome: { in: ["applied", "unmatched"] } },
      _count: { _all: true },
      _max: { receivedAt: true },
    }),
    prisma.webhookTally.groupBy({
      by: ["provider", "kind"],
      where: { day: { gte: since } },
      _sum: { count: true },
      _max: { lastAt: true },
    }),
    prisma.webhookTally.findMany({
      where: { day: { gte: since }, kind: { in: ["rejected", "ignored"] }, reason: { not: "" } },
      orderBy: { lastAt: "desc" },
      take: 200,
    }),
  ]);
  const byProvider = new Map<string, WebhookActivity>();
  const entry = (provider: string) => {
    const a = byProvider.get(provider) ?? { provider, counts: {}, lastAt: null, problems: [] };
    byProvider.set(provider, a);
    return a;
  };
  const seen = (a: WebhookActivity, last: Date | null) => {
    if (last && (!a.lastAt || last > a.lastAt)) a.lastAt = last;
  };
  for (const r of kept) {
    const a = entry(r.provider);
    a.counts[r.outcome === "applied" ? "accepted" : r.outcome] = r._count._all;
    seen(a, r._max.receivedAt);
  }
  for (const r of tallied) {
    const a = entry(r.provider);
    a.counts[r.kind] = (a.counts[r.kind] ?? 0) + (r._sum.count ?? 0);
    seen(a, r._max.lastAt);
  }
  for (const r of recent) {
    const a = entry(r.provider);
    const same = a.problems.find((p) => p.kind === r.kind && p.reason === r.reason);
    if (same) same.count += r.count;
    else if (a.problems.length < 3)
      a.problems.push({ kind: r.kind as WebhookProblem["kind"], reason: r.reason, count: r.count, lastAt: r.lastAt });
  }
  return [...byProvider.values()];
}
