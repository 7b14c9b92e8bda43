import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { getServiceChecklist } from "@/lib/readiness/server/checklists";
import { createWebhook } from "@/lib/notifications/server/webhooks";
import { deliverNotification, scanForNotifications } from "@/lib/notifications/server/notifications";
import { requestReview } from "@/lib/readiness/server/reviews";
import { ensureBuiltInScorecards } from "@/lib/scorecards/server/scorecard-admin";
import { ensureBuiltInTemplates } from "@/lib/readiness/server/templates";
import { createBoss, QUEUES, registerJobs } from "@/lib/core/jobs";
import { NOTIFICATION_EVENTS, verifyNotification } from "@/lib/notifications/domain/message";
import { actorFor, makeService, makeTeam, makeUser } from "../support/factories";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";

const DAY = 86_400_000;

// The receivers below listen on loopback, which outgoing webhooks refuse unless allowed.
const allowPrivate = process.env.SHIPSHAPE_ALLOW_PRIVATE_WEBHOOKS;
beforeAll(() => {
  process.env.SHIPSHAPE_ALLOW_PRIVATE_WEBHOOKS = "1";
});
afterAll(() => {
  if (allowPrivate === undefined) delete process.env.SHIPSHAPE_ALLOW_PRIVATE_WEBHOOKS;
  else process.env.SHIPSHAPE_ALLOW_PRIVATE_WEBHOOKS = allowPrivate;
});

/** A webhook receiver that answers with the next status of `statuses` (then 200) and keeps what it got. */
function receiver(statuses: number[] = []) {
  const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  return {
    received,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`)),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function teamWithHook(url: string, events = [...NOTIFICATION_EVENTS]) {
  const team = await makeTeam(prisma);
  const platform = actorFor(await makeUser(prisma, { role: "platform" }));
  const hook = await createWebhook({ name: "alerts", url, teamId: team.id, events }, platform);
  return { team, platform, hook };
}

beforeAll(async () => {
  await ensureBuiltInTemplates();
  await ensureBuiltInScorecards();
});

describe("one attempt at a time", () => {
  // A receiver that holds each request until told to answer: the attempt is in flight.
  const held: Array<() => void> = [];
  let hits = 0;
  const slow = http.createServer((_req, res) => {
    hits++;
    held.push(() => res.writeHead(200).end());
  });
  let url = "";
  beforeAll(
    () =>
      new Promise<void>((resolve) =>
        slow.listen(0, "127.0.0.1", () => {
          url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/hook`;
          resolve();
        }),
      ),
  );
  afterAll(() => new Promise<void>((resolve) => slow.close(() => resolve())));

  it("lease a delivery while its HTTP call is in flight, outside any transaction, so a second worker skips it", async () => {
    const { team } = await teamWithHook(url, ["review.requested"]);
    const service = await makeService(prisma, team.id);
    const engineer = actorFor(await makeUser(prisma, { role: "engineer", teamIds: [team.id] }), [team.id]);
    await requestReview({ serviceSlug: service.slug, note: "ready" }, engineer);
    const delivery = await prisma.notificationDelivery.findFirstOrThrow({
      where: { webhook: { teamId: team.id } },
    });
    const first = deliverNotification(delivery.id);
    await expect.poll(() => hits).toBe(1);
    // While the call waits on the receiver, the row is readable and writable: no transaction holds it.
    const inFlight = await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(inFlight.leaseUntil).not.toBeNull();
    expect(await deliverNotification(delivery.id)).toMatchObject({ status: "skipped" });
    held.shift()!();
    expect(await first).toMatchObject({ status: "delivered", responseCode: 200 });
    expect(hits).toBe(1);
    expect(await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "delivered",
      attempts: 1,
      leaseUntil: null,
    });
  });
});

describe("outgoing webhooks", () => {
  const rx = receiver([500, 503]);
  let url = "";
  beforeAll(async () => (url = await rx.start()));
  afterAll(() => rx.stop());

  it("queue an event with the change that caused it, retry until the receiver accepts, and sign every attempt", async () => {
    const { team, hook } = await teamWithHook(url);
    const other = await teamWithHook(url, ["waiver.expired"]);
    const service = await makeService(prisma, team.id);
    const engineer = actorFor(await makeUser(prisma, { role: "engineer", teamIds: [team.id] }), [team.id]);
    await requestReview({ serviceSlug: service.slug, note: "ready" }, engineer);

    const deliveries = await prisma.notificationDelivery.findMany({
      where: { webhookId: { in: [hook.id, other.hook.id] } },
    });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      webhookId: hook.id,
      event: "review.requested",
      status: "pending",
      attempts: 0,
    });

    await expect(deliverNotification(deliveries[0].id)).rejects.toThrow(/HTTP 500.*will retry/);
    await expect(deliverNotification(deliveries[0].id)).rejects.toThrow(/HTTP 503/);
    expect(await deliverNotification(deliveries[0].id)).toEqual({
      status: "delivered",
      responseCode: 200,
      error: null,
    });
    expect(await deliverNotification(deliveries[0].id)).toMatchObject({ status: "skipped" });
    expect(await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: deliveries[0].id } })).toMatchObject({
      status: "delivered",
      attempts: 3,
      responseCode: 200,
      lastError: null,
    });

    expect(rx.received).toHaveLength(3);
    const last = rx.received[2];
    const body = JSON.parse(last.body);
    expect(body).toMatchObject({
      event: "review.requested",
      team: team.slug,
      service: service.slug,
      text: expect.stringContaining(service.name),
    });
    const now = Math.floor(Date.now() / 1000);
    expect(
      verifyNotification(
        hook.secret,
        String(last.headers["x-shipshape-signature"]),
        String(last.headers["x-shipshape-timestamp"]),
        last.body,
        now,
      ),
    ).toBe(true);
    expect(
      verifyNotification(
        "wrong-secret",
        String(last.headers["x-shipshape-signature"]),
        String(last.headers["x-shipshape-timestamp"]),
        last.body,
        now,
      ),
    ).toBe(false);
  });

  it("announce a level drop, an expiring waiver and an overdue initiative once each; a first sight is only remembered", async () => {
    const { team, hook, platform } = await teamWithHook(url);
    const service = await makeService(prisma, team.id);
    await prisma.service.update({
      where: { id: service.id },
      data: { onCall: "pager", runbookUrl: "https://rb.example" },
    });
    const checklist = (await getServiceChecklist(SYSTEM_ACTOR, service.id))!;
    const ownership = checklist.categories.find((c) => c.key === "ownership")!.items.filter((i) => i.required);
    await prisma.checklistItemState.createMany({
      data: ownership.map((i) => ({ serviceId: service.id, itemKey: i.key, status: "done" as const, version: 1 })),
    });
    const count = () => prisma.notificationDelivery.count({ where: { webhookId: hook.id } });

    await scanForNotifications();
    expect(await count()).toBe(0); // bronze, seen for the first time

    await prisma.service.update({ where: { id: service.id }, data: { onCall: null } });
    const p = await makeUser(prisma, { role: "platform" });
    await prisma.waiver.create({
      data: {
        serviceId: service.id,
        itemKey: "backups",
        justification: "x",
        expiresAt: new Date(Date.now() + 3 * DAY),
        status: "approved",
        requestedById: p.id,
        decidedById: p.id,
        decidedAt: new Date(),
      },
    });
    await prisma.initiative.create({
      data: {
        name: "Overdue push",
        targetLevel: "gold",
        ownerId: platform.id,
        targetDate: new Date(Date.now() - DAY),
        teams: { create: [{ teamId: team.id }] },
      },
    });
    const result = await scanForNotifications();
    expect(result.events.map((e) => e.event)).toEqual(
      expect.arrayContaining(["level.dropped", "waiver.expiring", "initiative.overdue"]),
    );
    const queued = await prisma.notificationDelivery.findMany({
      where: { webhookId: hook.id },
      orderBy: { event: "asc" },
    });
    expect(queued.map((d) => d.event)).toEqual(["initiative.overdue", "level.dropped", "waiver.expiring"]);
    expect(queued.find((d) => d.event === "level.dropped")?.payload).toMatchObject({
      service: service.slug,
      data: { from: "bronze", to: "none", failing: [{ rule: "on-call" }] },
    });

    await scanForNotifications();
    expect(await count()).toBe(3);
  });
});

describe("background jobs (pg-boss on the same Postgres)", () => {
  const rx = receiver();
  let url = "";
  beforeAll(async () => (url = await rx.start()));
  afterAll(() => rx.stop());

  it("deliver a queued notification and take snapshots on demand", async () => {
    const { team, hook } = await teamWithHook(url);
    const service = await makeService(prisma, team.id);
    const engineer = actorFor(await makeUser(prisma, { role: "engineer", teamIds: [team.id] }), [team.id]);
    await requestReview({ serviceSlug: service.slug, note: null }, engineer);
    const delivery = await prisma.notificationDelivery.findFirstOrThrow({ where: { webhookId: hook.id } });

    const boss = createBoss(process.env.DATABASE_URL as string);
    await boss.start();
    try {
      await registerJobs(boss);
      await boss.send(QUEUES.deliver, { id: delivery.id });
      await boss.send(QUEUES.snapshot, {});
      const deadline = Date.now() + 30_000;
      let status = "pending";
      while (status !== "delivered" && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        status = (await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status;
      }
      expect(status).toBe("delivered");
      expect(rx.received.map((r) => JSON.parse(r.body).event)).toContain("review.requested");
      while ((await prisma.serviceSnapshot.count({ where: { serviceId: service.id } })) === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 250));
      expect(await prisma.serviceSnapshot.count({ where: { serviceId: service.id } })).toBe(1);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }, 40_000);
});
