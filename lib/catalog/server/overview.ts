import "server-only";
import { authorize, type Actor } from "@/lib/core/auth/permissions";
import { onReplica, reader } from "@/lib/core/db/replicas";
import { DAY_MS, isoDate, weekStarts } from "@/lib/core/calendar";
import { countedDeployments, countedDeploymentsBy } from "@/lib/delivery/server";

export async function getOverviewCounts(actor: Actor | null, now = new Date()) {
  authorize(actor, "read");
  const since = new Date(now.getTime() - 30 * DAY_MS);
  return onReplica("overview", async () => {
    const db = reader();
    const [[teams, services, tier1, incidents30d, openIncidents, slos], deployments30d] = await Promise.all([
      db.$transaction([
        db.team.count(),
        db.service.count({ where: { archivedAt: null } }),
        db.service.count({ where: { archivedAt: null, tier: 1 } }),
        db.incident.count({ where: { startedAt: { gte: since, lt: now } } }),
        db.incident.count({ where: { resolvedAt: null } }),
        db.slo.count(),
      ]),
      countedDeployments({ from: since, to: now }, db),
    ]);
    return { teams, services, tier1, deployments30d, incidents30d, openIncidents, slos };
  });
}

export type SetupProgress = { catalog: boolean; deployments: boolean; incidents: boolean };

/**
 * What a new install has connected: services in the catalog, deployments, and incidents (or alerting
 * deliveries, which may all have matched nothing yet). The overview's "Start here" shows the rest.
 */
export async function getSetupProgress(actor: Actor | null): Promise<SetupProgress> {
  authorize(actor, "read");
  return onReplica("overview", async () => {
    const db = reader();
    const [service, deployment, incident, alerting] = await Promise.all([
      db.service.findFirst({ select: { id: true } }),
      db.deployment.findFirst({ select: { id: true } }),
      db.incident.findFirst({ select: { id: true } }),
      db.webhookDelivery.findFirst({
        where: { provider: { in: ["pagerduty", "alertmanager", "opsgenie", "incidentio"] } },
        select: { deliveryId: true },
      }),
    ]);
    return {
      catalog: service !== null,
      deployments: deployment !== null,
      incidents: incident !== null || alerting !== null,
    };
  });
}

export type WeeklyCount = { week: string; deployments: number };

/** Successful production deployments per ISO week (Monday, UTC) over the last `weeks` weeks. */
export async function getDeploymentsPerWeek(actor: Actor | null, weeks = 26, now = new Date()): Promise<WeeklyCount[]> {
  authorize(actor, "read");
  return onReplica("overview", () => deploymentsPerWeek(weeks, now));
}

async function deploymentsPerWeek(weeks: number, now: Date): Promise<WeeklyCount[]> {
  const starts = weekStarts(weeks, now);
  const db = reader();
  const byWeek = await countedDeploymentsBy("week", { from: starts[0], to: now }, db);
  return starts.map((d) => ({ week: isoDate(d), deployments: byWeek.get(d.getTime()) ?? 0 }));
}

export type MonthlyTotals = { month: string; deployments: number; incidents: number; downtimeMinutes: number };

/** Organisation-wide deployments, incidents and downtime per calendar month (UTC), oldest first. */
export async function getMonthlyDeliveryTotals(months = 6, now = new Date()): Promise<MonthlyTotals[]> {
  const starts = Array.from(
    { length: months },
    (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1 - i), 1)),
  );
  const db = reader();
  const [deployments, incidents] = await Promise.all([
    countedDeploymentsBy("month", { from: starts[0], to: now }, db),
    db.$queryRaw<Array<{ month: Date; n: bigint; minutes: number | null }>>`
      select date_trunc('month', "startedAt", 'UTC') as month, count(*) as n,
             sum(extract(epoch from (coalesce("resolvedAt", ${now}) - "startedAt")) / 60)::float8 as minutes
      from "Incident"
      where "startedAt" >= ${starts[0]} and "startedAt" < ${now}
      group by 1`,
  ]);
  const dep = deployments;
  const inc = new Map(incidents.map((r) => [r.month.getTime(), r]));
  return starts.map((m) => ({
    month: isoDate(m).slice(0, 7),
    deployments: dep.get(m.getTime()) ?? 0,
    incidents: Number(inc.get(m.getTime())?.n ?? 0),
    downtimeMinutes: Math.round(inc.get(m.getTime())?.minutes ?? 0),
  }));
}
