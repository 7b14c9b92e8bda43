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
import { recordPullRequest, recordPush, shippedBy } from "./git-history";
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
    const service = await prisma.service.findUnique({
      where: { repoSlug: mapped.repo },
      select: { id: true, slug: true },
    });
    if (!service) {
      await keepUnmatched(forge, deliveryId, mapped.repo, event ?? "unknown", payload);
      outcome = { status: "unmatched", detail: `no service has the repository ${mapped.repo}` };
    } else {
      const shipped = await withHistory(mapped, service);
      await recordDeployments([shipped], actorFor(forge), { single: true, source: forge });
      outcome = shipped.commitsIncomplete
        ? {
            status: "applied",
            detail: "a push before this deployment was never delivered: its lead time counts only the commits seen",
          }
        : { status: "applied" };
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

/** A successful deployment with the commits and pull requests the pushes say it shipped. */
async function withHistory(
  mapped: Extract<GithubMapping, { kind: "deployment" }>,
  service: { id: string; slug: string },
): Promise<TDeploymentRecord> {
  const base = { ...mapped.deployment, service: service.slug };
  if (!mapped.sha || mapped.deployment.status !== "success") return base;
  const shipped = await shippedBy(mapped.repo, service.id, mapped.sha, new Date(mapped.deployment.finishedAt));
  return { ...base, ...shipped };
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
      const taken = await tx.service.findUnique({ where: { repoSlug: input.externalKey }, select: { slug: true } });
      if (taken && taken.slug !== service.slug)
        throw new AppError("conflict", `Repository ${input.externalKey} already maps to ${taken.slug}`);
      await tx.service.update({
        where: { id: service.id },
        data: { repoSlug: input.externalKey, repoUrl: `https://${input.externalKey}` },
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
        await recordDeployments([await withHistory(mapped, service)], actorFor(provider), {
          single: true,
          source: provider,
        });
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

export type WebhookActivity = { provider: string; counts: Record<string, number>; lastAt: Date | null };

/** Deliveries per source and outcome over the last 30 days, with the latest (the Integrations page). */
export async function webhookActivity(actor: Actor | null, now = new Date()): Promise<WebhookActivity[]> {
  authorize(actor, "event.map");
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const rows = await prisma.webhookDelivery.groupBy({
    by: ["provider", "outcome"],
    where: { receivedAt: { gte: since } },
    _count: { _all: true },
    _max: { receivedAt: true },
  });
  const byProvider = new Map<string, WebhookActivity>();
  for (const r of rows) {
    const a = byProvider.get(r.provider) ?? { provider: r.provider, counts: {}, lastAt: null };
    a.counts[r.outcome] = r._count._all;
    const last = r._max.receivedAt;
    if (last && (!a.lastAt || last > a.lastAt)) a.lastAt = last;
    byProvider.set(r.provider, a);
  }
  return [...byProvider.values()];
}
