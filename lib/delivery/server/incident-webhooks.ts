import "server-only";
import { tallyWebhook } from "./webhook-tally";
import { z } from "zod";
import { prisma } from "@/lib/core/db/client";
import type { Prisma } from "@/generated/prisma/client";
import type { SystemActor } from "@/lib/core/auth/permissions";
import { countIngested } from "@/lib/core/metrics";
import { jsonResponse } from "@/lib/core/api/json-response";
import type { IncidentSignal } from "@/lib/delivery/sources/incident-signal";
import { recordIncidents } from "./record-events";

// Incidents from alerting tools that name a service by a label or tag (Alertmanager, Opsgenie):
// matched to a service by a saved alias, else by slug; a repeated notification is recognised by its
// event key; one whose service is unknown is kept for mapping. Recording is an idempotent upsert, so
// a crash between recording and remembering only means a harmless replay.

export type AlertProvider = "alertmanager" | "opsgenie" | "incidentio";
export const ALERT_PROVIDERS: readonly AlertProvider[] = ["alertmanager", "opsgenie", "incidentio"];

export type SignalResult = "recorded" | "duplicate" | "unmatched" | "ignored";
export type AlertDeliveryOutcome = {
  status: "applied" | "duplicate" | "unmatched" | "ignored";
  recorded: number;
  duplicates: number;
  unmatched: number;
  ignored: number;
  details: string[];
};

const actorFor = (provider: AlertProvider): SystemActor => ({
  kind: "system",
  id: `webhook:${provider}`,
  name: `webhook:${provider}`,
});

/** Service slugs for the keys an alerting tool used: a saved alias first, then the slug itself. */
async function servicesFor(provider: AlertProvider, keys: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return new Map();
  const [aliases, bySlug] = await Promise.all([
    prisma.serviceAlias.findMany({
      where: { provider, key: { in: unique } },
      select: { key: true, service: { select: { slug: true } } },
    }),
    prisma.service.findMany({ where: { slug: { in: unique } }, select: { slug: true } }),
  ]);
  const found = new Map(bySlug.map((s) => [s.slug, s.slug]));
  for (const a of aliases) found.set(a.key, a.service.slug);
  return found;
}

/** The replayable part of an unmatched alert: what Shipshape understood, beside what was sent. */
export type StoredSignal = { signal: IncidentSignal; sent: unknown };

export async function handleAlertSignals(
  provider: AlertProvider,
  signals: IncidentSignal[],
  sent: (i: number) => unknown,
  ignoredReasons: string[] = [],
): Promise<AlertDeliveryOutcome> {
  const outcome: AlertDeliveryOutcome = {
    status: "ignored",
    recorded: 0,
    duplicates: 0,
    unmatched: 0,
    ignored: ignoredReasons.length,
    details: [...ignoredReasons],
  };
  const seen = await prisma.webhookDelivery.findMany({
    where: { provider, deliveryId: { in: signals.map((s) => s.eventKey) } },
    select: { deliveryId: true },
  });
  const delivered = new Set(seen.map((d) => d.deliveryId));
  const fresh = signals
    .map((signal, i) => ({ signal, i }))
    .filter(({ signal }) => {
      if (!delivered.has(signal.eventKey)) return true;
      outcome.duplicates++;
      return false;
    });
  const keyed = fresh.filter(({ signal }) => {
    if (signal.serviceKey !== null) return true;
    outcome.ignored++;
    outcome.details.push(`${signal.incident.title}: names no service`);
    return false;
  });
  const services = await servicesFor(
    provider,
    keyed.map(({ signal }) => signal.serviceKey ?? ""),
  );
  const matched = keyed.filter(({ signal }) => services.has(signal.serviceKey ?? ""));
  const unmatched = keyed.filter(({ signal }) => !services.has(signal.serviceKey ?? ""));
  if (matched.length) {
    await recordIncidents(
      matched.map(({ signal }) => ({ ...signal.incident, service: services.get(signal.serviceKey ?? "") ?? "" })),
      actorFor(provider),
      { single: false, source: provider },
    );
    outcome.recorded = matched.length;
  }
  if (unmatched.length) {
    await prisma.unmatchedEvent.createMany({
      data: unmatched.map(({ signal, i }) => ({
        provider,
        deliveryId: signal.eventKey,
        externalKey: signal.serviceKey ?? "",
        eventType: "alert",
        payload: JSON.parse(JSON.stringify({ signal, sent: sent(i) } satisfies StoredSignal)) as Prisma.InputJsonValue,
      })),
    });
    outcome.unmatched = unmatched.length;
    for (const { signal } of unmatched) outcome.details.push(`no service is called "${signal.serviceKey}"`);
  }
  const remembered = [
    ...matched.map(({ signal }) => ({ provider, deliveryId: signal.eventKey, outcome: "applied" })),
    ...unmatched.map(({ signal }) => ({ provider, deliveryId: signal.eventKey, outcome: "unmatched" })),
  ];
  if (remembered.length) await prisma.webhookDelivery.createMany({ data: remembered, skipDuplicates: true });

  countIngested(`${provider}_alert`, "accepted", outcome.recorded);
  countIngested(`${provider}_alert`, "duplicate", outcome.duplicates);
  countIngested(`${provider}_alert`, "unmatched", outcome.unmatched);
  countIngested(`${provider}_alert`, "ignored", outcome.ignored);
  await tallyWebhook(provider, "duplicate", "", outcome.duplicates);
  for (const reason of new Set(ignoredReasons))
    await tallyWebhook(provider, "ignored", reason, ignoredReasons.filter((d) => d === reason).length);
  await tallyWebhook(provider, "ignored", "an alert names no service", outcome.ignored - ignoredReasons.length);
  outcome.status =
    outcome.recorded > 0
      ? "applied"
      : outcome.unmatched > 0
        ? "unmatched"
        : outcome.duplicates > 0 && outcome.ignored === 0
          ? "duplicate"
          : "ignored";
  return outcome;
}

const STATUS: Record<AlertDeliveryOutcome["status"], number> = {
  applied: 201,
  duplicate: 200,
  unmatched: 202,
  ignored: 202,
};

export function alertDeliveryResponse(outcome: AlertDeliveryOutcome): Response {
  return jsonResponse(outcome, { status: STATUS[outcome.status] });
}

/** Saves what the tool calls the service, so its next alerts match without help. */
export async function saveAlias(
  tx: Prisma.TransactionClient,
  provider: AlertProvider,
  key: string,
  serviceId: string,
): Promise<void> {
  await tx.serviceAlias.upsert({
    where: { provider_key: { provider, key } },
    create: { provider, key, serviceId },
    update: { serviceId },
  });
}

const ZStoredIncident = z.object({
  signal: z.object({
    incident: z.object({
      externalId: z.string(),
      title: z.string(),
      severity: z.string().nullable().optional(),
      startedAt: z.string().nullable(),
      resolvedAt: z.string().nullable().optional(),
    }),
  }),
});

/** The incident an unmatched alert carried, for its replay once the service is mapped. */
export function storedIncident(payload: Prisma.JsonValue): IncidentSignal["incident"] | null {
  const parsed = ZStoredIncident.safeParse(payload);
  return parsed.success ? parsed.data.signal.incident : null;
}
