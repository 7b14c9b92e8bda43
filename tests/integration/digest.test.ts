// The weekly digest per team, on real data: queued once per team per week to the team's webhooks
// subscribed to `digest.weekly`, with the failing rules, what each service needs next, last week's
// level changes (from the snapshots) and the exemptions expiring within seven days.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { utcDay } from "@/lib/core/calendar";
import { sendWeeklyDigests } from "@/lib/notifications/server/digest";
import { ensureBuiltInScorecards } from "@/lib/scorecards/server/scorecard-admin";
import { ensureBuiltInTemplates } from "@/lib/readiness/server/templates";
import { makeService, makeTeam } from "../support/factories";

const DAY = 86_400_000;

beforeAll(async () => {
  await ensureBuiltInTemplates();
  await ensureBuiltInScorecards();
});

describe("weekly digest", () => {
  it("is queued once per team per week, with failing rules, next levels, changes and expiring exemptions", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const hook = await prisma.notificationWebhook.create({
      data: {
        teamId: team.id,
        name: "team channel",
        url: "https://hooks.example.com/x",
        secret: "s",
        events: ["digest.weekly"],
      },
    });
    const card = await prisma.scorecard.findFirstOrThrow({ where: { isDefault: true } });
    await prisma.ruleExemption.create({
      data: {
        serviceId: svc.id,
        scorecardId: card.id,
        ruleKey: "runbook",
        justification: "Moving to the new wiki",
        expiresAt: new Date(Date.now() + 3 * DAY),
        status: "approved",
        decidedAt: new Date(),
        requestedBy: "test",
      },
    });
    // Last week the service was Silver (a snapshot as the daily job writes it).
    await prisma.serviceSnapshot.create({
      data: { serviceId: svc.id, day: utcDay(new Date(Date.now() - 7 * DAY)), level: "silver", score: 80, data: {} },
    });

    const run = await sendWeeklyDigests(new Date(), prisma, { team: team.slug });
    expect(run.teams).toHaveLength(1);
    expect(run.teams[0]).toMatchObject({ team: team.slug, queued: 1, alreadySent: false });
    const deliveries = await prisma.notificationDelivery.findMany({ where: { webhookId: hook.id } });
    expect(deliveries).toHaveLength(1);
    const payload = deliveries[0].payload as { event: string; text: string; data: Record<string, unknown> };
    expect(payload.event).toBe("digest.weekly");
    expect(payload.text).toContain(`Service ${svc.slug}: silver → none ▼`);
    expect(payload.text).toContain("*Failing rules*");
    expect(payload.text).toMatch(/exemption for production-readiness\/runbook/);
    expect(payload.data).toMatchObject({
      changes: [{ service: svc.slug, from: "silver", to: "none" }],
      nextLevel: [{ service: svc.slug, level: "bronze" }],
      expiring: [{ kind: "exemption", what: "production-readiness/runbook" }],
    });

    // Again the same week: nothing more is queued.
    const again = await sendWeeklyDigests(new Date(), prisma, { team: team.slug });
    expect(again.teams[0]).toMatchObject({ queued: 0, alreadySent: true });
    expect(await prisma.notificationDelivery.count({ where: { webhookId: hook.id } })).toBe(1);
    // A dry run prints and queues nothing.
    const dry = await sendWeeklyDigests(new Date(Date.now() + 7 * DAY), prisma, { team: team.slug, dryRun: true });
    expect(dry.teams[0].queued).toBe(0);
    expect(await prisma.notificationDelivery.count({ where: { webhookId: hook.id } })).toBe(1);
  });
});
