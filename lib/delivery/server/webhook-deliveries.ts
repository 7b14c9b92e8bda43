import "server-only";
import { prisma, primaryRows } from "@/lib/core/db/client";
import { Prisma } from "@/generated/prisma/client";
import { type Actor, type SystemActor, authorize } from "@/lib/core/auth/permissions";
import { AppError, notFound } from "@/lib/core/errors";
import { mapGithubEvent } from "@/lib/delivery/sources/github";
import { mapGitlabEvent } from "@/lib/delivery/sources/gitlab";
import { mapPagerdutyEvent } from "@/lib/delivery/sources/pagerduty";
import { recordAudit } from "@/lib/core/db/audit";
import { recordDeployments, recordIncidents } from "./record-events";
import { recordPullRequest, recordPush } from "./git-history";
import { attribute, withHistory } from "./repo-attribution";
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

type RepoHolder = { id: string; slug: string; teamId: string; repoPaths: string[]; repoLabels: string[] };

/** Whether a forge's delivery was already handled, and (for a deployment) the services holding its repository, oldest first. */
async function deliveryContext(
  provider: Provider,
  deliveryId: string,
  repo: string | null,
): Promise<{ seen: boolean; holders: RepoHolder[] }> {
  const [row] = await primaryRows<{ seen: boolean; holders: RepoHolder[] | null }>(Prisma.sql`
    select exists (select 1 from "WebhookDelivery" where provider = ${provider} and "deliveryId" = ${deliveryId}) as seen,
           (select json_agg(json_build_object('id', s.id, 'slug', s.slug, 'teamId', s."teamId", 'repoPaths', coalesce(s."repoPaths", '{}'),
                                              'repoLabels', coalesce(s."repoLabels", '{}')) order by s."createdAt", s.id)
            from "Service" s where ${repo}::text is not null and s."repoSlug" = ${repo}) as holders`);
  return { seen: row.seen, holders: row.holders ?? [] };
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
  const mapped = mapForgeEvent(forge, event, payload);
  // Whether the delivery was seen, and the services that hold its repository: one round trip.
  const { seen, holders } = await deliveryContext(forge, deliveryId, mapped.kind === "deployment" ? mapped.repo : null);
  if (seen) return { status: "duplicate" };
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
    if (holders.length === 0) {
      await keepUnmatched(forge, deliveryId, mapped.repo, event ?? "unknown", payload);
      outcome = { status: "unmatched", detail: `no service has the repository ${mapped.repo}` };
    } else {
      const attributed = await attribute(mapped, holders);
      if ("ignored" in attributed) outcome = { status: "ignored", detail: attributed.ignored };
      else {
        const notes = [
          ...(attributed.records.some((r) => r.commitsIncomplete)
            ? ["a push before this deployment was never delivered: its lead time counts only the commits seen"]
            : []),
          ...(attributed.monorepo ? [`attributed to ${attributed.records.map((r) => r.service).join(", ")}`] : []),
        ];
        const applied: WebhookOutcome =
          notes.length > 0 ? { status: "applied", detail: notes.join("; ") } : { status: "applied" };
        // The deployments and the delivery id in one statement: one round trip and one commit.
        const { created } = await recordDeployments(attributed.records, actorFor(forge), {
          single: attributed.records.length === 1,
          source: forge,
          services: holders,
          delivery: { provider: forge, deliveryId, outcome: applied.status },
        });
        // Nothing new: the same delivery raced in twice (GitHub retries while the first is in
        // flight), or another delivery already carried this deployment.
        return created > 0 ? applied : { status: "duplicate" };
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
