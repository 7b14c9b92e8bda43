import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { getDoraReport } from "@/lib/delivery/server/dora";
import { handleGithubDelivery, handlePagerdutyDelivery } from "@/lib/delivery/server/webhook-deliveries";
import { makeTeam, uniq } from "../support/factories";
import {
  githubDeploymentStatus,
  githubPing,
  pagerdutyAnnotated,
  pagerdutyIncidentEvent,
  pagerdutyPing,
} from "../support/vendor-payloads";

// Deliveries in the shapes the vendors document, as they were replayed against Shipshape: each one
// signed and well-formed, so each one must be acknowledged, and none may cost data.

async function pagerdutyService() {
  const team = await makeTeam(prisma);
  const pdId = uniq("P").toUpperCase();
  const svc = await prisma.service.create({
    data: { slug: uniq("pd"), name: "PD", teamId: team.id, tier: 1, lifecycle: "production", pagerdutyServiceId: pdId },
  });
  return { svc, pdId };
}

describe("PagerDuty deliveries", () => {
  it("acknowledges the test ping, notes, acknowledgements and responder events, and remembers them", async () => {
    const { svc, pdId } = await pagerdutyService();
    const ping = uniq("01FKZ");
    expect(await handlePagerdutyDelivery(pagerdutyPing(ping))).toEqual({
      status: "ignored",
      detail: "event pagey.ping is not used",
    });
    expect(await handlePagerdutyDelivery(pagerdutyPing(ping))).toEqual({ status: "duplicate" });
    const note = pagerdutyAnnotated({ eventId: uniq("e"), incidentId: "PGR0VU2", occurredAt: "2026-02-02T12:10:00Z" });
    expect((await handlePagerdutyDelivery(note)).status).toBe("ignored");
    const ack = pagerdutyIncidentEvent({
      eventId: uniq("e"),
      eventType: "incident.acknowledged",
      occurredAt: "2026-02-02T12:05:00Z",
      incidentId: uniq("Q"),
      serviceId: pdId,
    });
    expect((await handlePagerdutyDelivery(ack)).status).toBe("ignored");
    const responder = {
      event: {
        ...note.event,
        id: uniq("e"),
        event_type: "incident.responder.added",
        data: { ...note.event.data, type: "incident_responder", state: "pending", message: "Please help" },
      },
    };
    expect((await handlePagerdutyDelivery(responder)).status).toBe("ignored");
    // an incident event whose data is not an incident (a future data type) is acknowledged too
    const odd = { event: { ...note.event, id: uniq("e"), event_type: "incident.triggered" } };
    expect(await handlePagerdutyDelivery(odd)).toMatchObject({ status: "ignored" });
    expect(await prisma.incident.count({ where: { serviceId: svc.id } })).toBe(0);
  });

  it("records a resolve with no start as an unknown start, never a 0-minute incident, and warns", async () => {
    const { svc, pdId } = await pagerdutyService();
    const incidentId = uniq("Q");
    const resolved = pagerdutyIncidentEvent({
      eventId: uniq("e"),
      eventType: "incident.resolved",
      occurredAt: "2026-02-02T12:30:00Z",
      incidentId,
      serviceId: pdId,
      createdAt: null,
    });
    expect(await handlePagerdutyDelivery(resolved)).toEqual({ status: "applied" });
    expect(await prisma.incident.findFirstOrThrow({ where: { serviceId: svc.id } })).toMatchObject({
      externalId: incidentId,
      startedAt: null,
      resolvedAt: new Date("2026-02-02T12:30:00Z"),
      linkedDeploymentId: null,
    });
    const window = { from: new Date("2026-02-01T00:00:00Z"), to: new Date("2026-03-01T00:00:00Z") };
    const report = await getDoraReport(SYSTEM_ACTOR, { service: svc.slug }, window, "2023");
    expect(report?.timeToRestore).toMatchObject({ medianMinutes: null, samples: 0 });
    expect(report?.warnings).toContain(
      "1 incident(s) resolved in this period have no known start time and were left out of time to restore.",
    );

    // The trigger, delivered late, gives the start; the restore time is then known.
    const triggered = pagerdutyIncidentEvent({
      eventId: uniq("e"),
      eventType: "incident.triggered",
      occurredAt: "2026-02-02T12:00:00Z",
      incidentId,
      serviceId: pdId,
    });
    expect(await handlePagerdutyDelivery(triggered)).toEqual({ status: "applied" });
    expect(await prisma.incident.findFirstOrThrow({ where: { serviceId: svc.id } })).toMatchObject({
      startedAt: new Date("2026-02-02T12:00:00Z"),
      resolvedAt: new Date("2026-02-02T12:30:00Z"), // a late trigger does not reopen it
    });
    const after = await getDoraReport(SYSTEM_ACTOR, { service: svc.slug }, window, "2023");
    expect(after?.timeToRestore).toMatchObject({ medianMinutes: 30, samples: 1 });
    expect(after?.warnings.some((w) => w.includes("no known start"))).toBe(false);
  });

  it("never overwrites a known start with a later delivery's", async () => {
    const { svc, pdId } = await pagerdutyService();
    const incidentId = uniq("Q");
    const event = (eventType: string, occurredAt: string, createdAt: string | null) =>
      pagerdutyIncidentEvent({ eventId: uniq("e"), eventType, occurredAt, incidentId, serviceId: pdId, createdAt });
    await handlePagerdutyDelivery(event("incident.triggered", "2026-02-02T12:00:00Z", "2026-02-02T12:00:00Z"));
    // a resolve that carries another created_at, and one that carries none
    await handlePagerdutyDelivery(event("incident.resolved", "2026-02-02T13:00:00Z", "2026-02-02T12:45:00Z"));
    await handlePagerdutyDelivery(event("incident.resolved", "2026-02-02T13:00:00Z", null));
    expect(await prisma.incident.findFirstOrThrow({ where: { serviceId: svc.id } })).toMatchObject({
      startedAt: new Date("2026-02-02T12:00:00Z"),
      resolvedAt: new Date("2026-02-02T13:00:00Z"),
    });
  });
});

describe("GitHub deliveries", () => {
  it("match a repository by host and path: a GitHub Enterprise namesake is not the github.com service's", async () => {
    const team = await makeTeam(prisma);
    const name = uniq("api");
    const make = (repoUrl: string) =>
      prisma.service.create({
        data: {
          slug: uniq("gh"),
          name: "GH",
          teamId: team.id,
          tier: 2,
          lifecycle: "production",
          repoUrl,
          repoSlug: repoUrl.replace("https://", "").toLowerCase(),
        },
      });
    const dotcom = await make(`https://github.com/acme/${name}`);
    const enterprise = githubDeploymentStatus({
      repo: { owner: "acme", name, host: "github.acme.corp" },
      deploymentId: 7001,
    });
    const outcome = await handleGithubDelivery(uniq("d"), "deployment_status", enterprise);
    expect(outcome).toEqual({
      status: "unmatched",
      detail: `no service has the repository github.acme.corp/acme/${name}`,
    });
    expect(await prisma.deployment.count({ where: { serviceId: dotcom.id } })).toBe(0);

    const ghes = await make(`https://github.acme.corp/acme/${name}`);
    expect(await handleGithubDelivery(uniq("d"), "deployment_status", enterprise)).toEqual({ status: "applied" });
    expect(await prisma.deployment.count({ where: { serviceId: ghes.id, externalId: "gh-7001" } })).toBe(1);
    const own = githubDeploymentStatus({ repo: { owner: "acme", name }, deploymentId: 7002 });
    expect(await handleGithubDelivery(uniq("d"), "deployment_status", own)).toEqual({ status: "applied" });
    expect(await prisma.deployment.count({ where: { serviceId: dotcom.id, externalId: "gh-7002" } })).toBe(1);
  });

  it("acknowledge a ping, an unused event and a payload they cannot read, with the reason", async () => {
    const repo = { owner: "acme", name: uniq("x") };
    expect(await handleGithubDelivery(uniq("d"), "ping", githubPing(repo))).toEqual({
      status: "ignored",
      detail: "ping",
    });
    expect((await handleGithubDelivery(uniq("d"), "issues", { action: "opened" })).status).toBe("ignored");
    expect(await handleGithubDelivery(uniq("d"), "deployment_status", { deployment: {} })).toEqual({
      status: "ignored",
      detail: "not understood: not a deployment_status payload",
    });
  });
});
