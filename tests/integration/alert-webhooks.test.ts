// Incidents from Alertmanager and Opsgenie, through the route handlers as Next calls them: the
// shared token is checked first, a bad body writes nothing, the firing and resolved notifications
// of one alert make one incident, repeats are recognised, and an unknown service waits for mapping.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { actorFor, makeService, makeTeam, makeUser, uniq } from "../support/factories";
import { alertmanagerNotification, opsgenieAction } from "../support/alert-payloads";

type Route = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let alertmanager: Route;
let opsgenie: Route;
const saved = { am: process.env.ALERTMANAGER_WEBHOOK_TOKEN, og: process.env.OPSGENIE_WEBHOOK_TOKEN };

beforeAll(async () => {
  process.env.ALERTMANAGER_WEBHOOK_TOKEN = "am-token-0123456789";
  process.env.OPSGENIE_WEBHOOK_TOKEN = "og-token-0123456789";
  alertmanager = (await import("@/app/api/v1/webhooks/alertmanager/route")).POST;
  opsgenie = (await import("@/app/api/v1/webhooks/opsgenie/route")).POST;
});
afterAll(() => {
  for (const [key, value] of [
    ["ALERTMANAGER_WEBHOOK_TOKEN", saved.am],
    ["OPSGENIE_WEBHOOK_TOKEN", saved.og],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const ctx = { params: Promise.resolve({}) };
const post = (route: Route, path: string, token: string | null, body: unknown) =>
  route(
    new NextRequest(`http://localhost${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-shipshape-peer": `10.7.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    ctx,
  );
const toAlertmanager = (body: unknown, token: string | null = "am-token-0123456789") =>
  post(alertmanager, "/api/v1/webhooks/alertmanager", token, body);
const toOpsgenie = (body: unknown, token: string | null = "og-token-0123456789") =>
  post(opsgenie, "/api/v1/webhooks/opsgenie", token, body);

async function service() {
  const team = await makeTeam(prisma);
  return makeService(prisma, team.id);
}

describe("Alertmanager webhook", () => {
  it("refuses a missing or wrong token and a malformed body, writing nothing", async () => {
    const svc = await service();
    const body = alertmanagerNotification([
      { status: "firing", labels: { alertname: "Down", service: svc.slug }, startsAt: "2026-03-01T10:00:00Z" },
    ]);
    const before = await prisma.unmatchedEvent.count();
    expect((await toAlertmanager(body, null)).status).toBe(401);
    expect((await toAlertmanager(body, "am-token-wrong")).status).toBe(401);
    const bad = await toAlertmanager({ ...body, alerts: [{ ...body.alerts[0], status: "pending" }] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe("alerts.0.status");
    expect((await toAlertmanager("{not json")).status).toBe(400);
    expect(await prisma.incident.count({ where: { serviceId: svc.id } })).toBe(0);
    expect(await prisma.unmatchedEvent.count()).toBe(before);
  });

  it("makes one incident of a firing and a resolved notification, and recognises repeats", async () => {
    const svc = await service();
    const alert = {
      labels: { alertname: "HighErrorRate", service: svc.slug, severity: "critical" },
      summary: "Checkout 5xx above 2%",
      startsAt: "2026-03-01T10:00:00.123456789Z",
      fingerprint: uniq("fp"),
    };
    const firing = await toAlertmanager(alertmanagerNotification([{ ...alert, status: "firing" }]));
    expect(firing.status).toBe(201);
    expect(await firing.json()).toMatchObject({ status: "applied", recorded: 1 });
    // Alertmanager repeats a firing group every repeat_interval.
    const again = await toAlertmanager(alertmanagerNotification([{ ...alert, status: "firing" }]));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: "duplicate", duplicates: 1, recorded: 0 });
    const resolved = await toAlertmanager(
      alertmanagerNotification([{ ...alert, status: "resolved", endsAt: "2026-03-01T10:42:00Z" }]),
    );
    expect(resolved.status).toBe(201);
    const incidents = await prisma.incident.findMany({ where: { serviceId: svc.id } });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      title: "Checkout 5xx above 2%",
      severity: "critical",
      source: "alertmanager",
      startedAt: new Date("2026-03-01T10:00:00.123Z"),
      resolvedAt: new Date("2026-03-01T10:42:00Z"),
    });
  });

  it("counts a group's alerts one by one: recorded, unmatched and nameless", async () => {
    const svc = await service();
    const unknown = uniq("no-such-service");
    const res = await toAlertmanager(
      alertmanagerNotification([
        { status: "firing", labels: { alertname: "A", job: svc.slug }, startsAt: "2026-03-02T10:00:00Z" },
        { status: "firing", labels: { alertname: "B", service: unknown }, startsAt: "2026-03-02T10:01:00Z" },
        { status: "firing", labels: { alertname: "C" }, startsAt: "2026-03-02T10:02:00Z" },
      ]),
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ recorded: 1, unmatched: 1, ignored: 1 });
    expect(await prisma.incident.count({ where: { serviceId: svc.id } })).toBe(1);
    const waiting = await prisma.unmatchedEvent.findMany({ where: { provider: "alertmanager", externalKey: unknown } });
    expect(waiting).toHaveLength(1);
  });

  it("keeps an unknown service's alerts until mapped; the mapping replays them and matches later ones", async () => {
    const svc = await service();
    const label = uniq("legacy-checkout");
    const alert = { labels: { alertname: "Down", service: label }, startsAt: "2026-03-03T08:00:00Z" };
    expect((await toAlertmanager(alertmanagerNotification([{ ...alert, status: "firing" }]))).status).toBe(202);
    expect(
      (
        await toAlertmanager(
          alertmanagerNotification([{ ...alert, status: "resolved", endsAt: "2026-03-03T08:30:00Z" }]),
        )
      ).status,
    ).toBe(202);
    const { mapUnmatched } = await import("@/lib/delivery/server/webhook-deliveries");
    const actor = actorFor(await makeUser(prisma, { role: "platform" }));
    expect(await mapUnmatched({ provider: "alertmanager", externalKey: label, serviceSlug: svc.slug }, actor)).toEqual({
      replayed: 2,
    });
    const [incident] = await prisma.incident.findMany({ where: { serviceId: svc.id } });
    expect(incident).toMatchObject({
      startedAt: new Date("2026-03-03T08:00:00Z"),
      resolvedAt: new Date("2026-03-03T08:30:00Z"),
    });
    const later = await toAlertmanager(
      alertmanagerNotification([
        { status: "firing", labels: { alertname: "Down", service: label }, startsAt: "2026-03-04T08:00:00Z" },
      ]),
    );
    expect(later.status).toBe(201);
    expect(await prisma.incident.count({ where: { serviceId: svc.id } })).toBe(2);
  });
});

describe("Opsgenie webhook", () => {
  it("opens on Create, closes on Close, ignores other actions, and checks the token", async () => {
    const svc = await service();
    const alertId = uniq("og");
    const created = Date.parse("2026-03-05T09:00:00Z");
    const action = (name: string, updated: number) =>
      opsgenieAction({
        action: name,
        alertId,
        tags: [`service:${svc.slug}`],
        createdAtMs: created,
        updatedAtMs: updated,
      });
    expect((await toOpsgenie(action("Create", created), "og-token-wrong")).status).toBe(401);
    expect((await toOpsgenie({ action: "Create", alert: { alertId } })).status).toBe(400);
    expect(await prisma.incident.count({ where: { serviceId: svc.id } })).toBe(0);

    expect((await toOpsgenie(action("Create", created))).status).toBe(201);
    const ack = await toOpsgenie(action("Acknowledge", created + 60_000));
    expect(ack.status).toBe(202);
    expect(await ack.json()).toMatchObject({ status: "ignored", details: ["action Acknowledge is not used"] });
    expect((await toOpsgenie(action("Close", Date.parse("2026-03-05T09:20:00Z")))).status).toBe(201);
    expect((await toOpsgenie(action("Close", Date.parse("2026-03-05T09:20:00Z")))).status).toBe(200);
    const incidents = await prisma.incident.findMany({ where: { serviceId: svc.id } });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      source: "opsgenie",
      severity: "P1",
      startedAt: new Date("2026-03-05T09:00:00Z"),
      resolvedAt: new Date("2026-03-05T09:20:00Z"),
    });
  });
});
