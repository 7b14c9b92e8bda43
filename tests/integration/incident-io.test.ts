// incident.io webhooks through the route handler, signed with Standard Webhooks (the scheme Svix
// uses for incident.io) by the standardwebhooks library, in the shapes of incident.io's webhooks
// OpenAPI: the signature and its age are checked first; created, then resolved, is one incident
// with both times; a retry is a no-op; declined incidents and other events are ignored.
import { NextRequest } from "next/server";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { makeService, makeTeam, uniq } from "../support/factories";
import { incidentIoIncident } from "../support/alert-payloads";

type Route = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let route: Route;
const SECRET = `whsec_${Buffer.from("incident-io-test-secret-32-bytes!").toString("base64")}`;
const saved = process.env.INCIDENT_IO_WEBHOOK_SECRET;
beforeAll(async () => {
  process.env.INCIDENT_IO_WEBHOOK_SECRET = SECRET;
  route = (await import("@/app/api/v1/webhooks/incident-io/route")).POST;
});
afterAll(() => {
  if (saved === undefined) delete process.env.INCIDENT_IO_WEBHOOK_SECRET;
  else process.env.INCIDENT_IO_WEBHOOK_SECRET = saved;
});

function send(body: unknown, opts: { id?: string; at?: Date; secret?: string; prefix?: "webhook" | "svix" } = {}) {
  const text = JSON.stringify(body);
  const id = opts.id ?? `msg_${uniq("m")}`;
  const at = opts.at ?? new Date();
  const signature = new Webhook(opts.secret ?? SECRET).sign(id, at, text);
  const p = opts.prefix ?? "webhook";
  return route(
    new NextRequest("http://localhost/api/v1/webhooks/incident-io", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-shipshape-peer": "10.5.0.1",
        [`${p}-id`]: id,
        [`${p}-timestamp`]: String(Math.floor(at.getTime() / 1000)),
        [`${p}-signature`]: signature,
      },
      body: text,
    }),
    { params: Promise.resolve({}) },
  );
}

const event = (type: string, incident: unknown) => ({
  event_type: type,
  [type]: type.endsWith("status_updated_v2") ? { incident, new_status: {}, previous_status: {} } : incident,
});

describe("incident.io webhook", () => {
  it("refuses a wrong signature and a stale timestamp, writing nothing", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const body = event(
      "public_incident.incident_created_v2",
      incidentIoIncident({
        id: uniq("01H"),
        status: "active",
        createdAt: "2026-05-01T10:00:00Z",
        updatedAt: "2026-05-01T10:00:00Z",
        service: svc.slug,
      }),
    );
    const other = `whsec_${Buffer.from("another-secret-of-32-bytes-long!").toString("base64")}`;
    expect((await send(body, { secret: other })).status).toBe(401);
    expect((await send(body, { at: new Date(Date.now() - 3_600_000) })).status).toBe(401);
    expect(await prisma.incident.count({ where: { serviceId: svc.id } })).toBe(0);
  });

  it("records an incident from creation to its Resolved at, once per message", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const id = uniq("01H");
    const created = event(
      "public_incident.incident_created_v2",
      incidentIoIncident({
        id,
        status: "active",
        createdAt: "2026-05-01T10:00:00Z",
        updatedAt: "2026-05-01T10:00:00Z",
        service: svc.slug,
      }),
    );
    const messageId = `msg_${uniq("m")}`;
    expect((await send(created, { id: messageId })).status).toBe(201);
    expect((await send(created, { id: messageId })).status).toBe(200);
    const resolved = event(
      "public_incident.incident_status_updated_v2",
      incidentIoIncident({
        id,
        status: "post-incident",
        createdAt: "2026-05-01T10:00:00Z",
        updatedAt: "2026-05-01T11:30:00Z",
        resolvedAt: "2026-05-01T11:05:00Z",
        service: svc.slug,
      }),
    );
    expect((await send(resolved, { prefix: "svix" })).status).toBe(201);
    const incidents = await prisma.incident.findMany({ where: { serviceId: svc.id } });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      externalId: `incident.io:${id}`,
      title: "Checkout is returning 500s",
      severity: "Minor",
      source: "incidentio",
      startedAt: new Date("2026-05-01T10:00:00Z"),
      resolvedAt: new Date("2026-05-01T11:05:00Z"),
    });
  });

  it("ignores declined incidents and other events, and keeps an unknown service's for mapping", async () => {
    const declined = event(
      "public_incident.incident_updated_v2",
      incidentIoIncident({
        id: uniq("01H"),
        status: "declined",
        createdAt: "2026-05-02T10:00:00Z",
        updatedAt: "2026-05-02T10:05:00Z",
        service: "anything",
      }),
    );
    const ignored = await send(declined);
    expect(ignored.status).toBe(202);
    expect((await ignored.json()).details[0]).toMatch(/was declined$/);
    expect((await (await send({ event_type: "public_incident.follow_up_created_v1" })).json()).status).toBe("ignored");
    const label = uniq("legacy");
    const unknown = event(
      "public_incident.incident_created_v2",
      incidentIoIncident({
        id: uniq("01H"),
        status: "triage",
        createdAt: "2026-05-03T10:00:00Z",
        updatedAt: "2026-05-03T10:00:00Z",
        service: label,
      }),
    );
    expect((await send(unknown)).status).toBe(202);
    expect(await prisma.unmatchedEvent.count({ where: { provider: "incidentio", externalKey: label } })).toBe(1);
  });
});
