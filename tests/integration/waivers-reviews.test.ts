import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { getServiceChecklist, updateChecklistItem } from "@/lib/readiness/server/checklists";
import { commentOnReview, decideReview, listServiceReviews, requestReview } from "@/lib/readiness/server/reviews";
import { ensureBuiltInTemplates } from "@/lib/readiness/server/templates";
import { decideWaiver, listWaivers, requestWaiver } from "@/lib/readiness/server/waivers";
import { actorFor, makeService, makeTeam, makeUser } from "../support/factories";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";

const DAY = 86_400_000;

async function setup() {
  const team = await makeTeam(prisma);
  const service = await makeService(prisma, team.id, { tier: 1 });
  await getServiceChecklist(SYSTEM_ACTOR, service.id);
  const engineer = actorFor(await makeUser(prisma, { role: "engineer", teamIds: [team.id] }), [team.id]);
  const platform = actorFor(await makeUser(prisma, { role: "platform" }));
  return { service, engineer, platform };
}

const item = async (serviceId: string, key: string, now?: Date) =>
  (await getServiceChecklist(SYSTEM_ACTOR, serviceId, now))!.categories
    .flatMap((c) => c.items)
    .find((i) => i.key === key)!;

describe("waivers", () => {
  beforeAll(() => ensureBuiltInTemplates());

  it("count as done while approved and unexpired, then reopen the item by themselves", async () => {
    const { service, engineer, platform } = await setup();
    const expiresAt = new Date(Date.now() + 10 * DAY);
    const waiver = await requestWaiver(
      {
        serviceSlug: service.slug,
        itemKey: "restore-tested",
        justification: "restore drill booked for next month",
        expiresAt,
      },
      engineer,
    );
    expect((await item(service.id, "restore-tested")).status).toBe("open");
    await decideWaiver({ waiverId: waiver.id, decision: "approve" }, platform);
    const waived = await item(service.id, "restore-tested");
    expect(waived).toMatchObject({ status: "waived", waiverExpired: false });
    expect((await getServiceChecklist(SYSTEM_ACTOR, service.id))!.progress.required.missing).not.toContain(
      "restore-tested",
    );

    const later = new Date(expiresAt.getTime() + DAY);
    expect(await item(service.id, "restore-tested", later)).toMatchObject({ status: "open", waiverExpired: true });
    expect((await getServiceChecklist(SYSTEM_ACTOR, service.id, later))!.progress.required.missing).toContain(
      "restore-tested",
    );
    expect((await listWaivers(SYSTEM_ACTOR, "expired", later)).map((w) => w.id)).toContain(waiver.id);
  });

  it("cannot be requested twice while pending, nor decided twice, nor expire in the past", async () => {
    const { service, engineer, platform } = await setup();
    const input = {
      serviceSlug: service.slug,
      itemKey: "backups",
      justification: "backups move to the new cluster",
      expiresAt: new Date(Date.now() + 5 * DAY),
    };
    const waiver = await requestWaiver(input, engineer);
    await expect(requestWaiver(input, engineer)).rejects.toMatchObject({ code: "conflict" });
    await decideWaiver({ waiverId: waiver.id, decision: "reject", note: "do the backups" }, platform);
    await expect(decideWaiver({ waiverId: waiver.id, decision: "approve" }, platform)).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(requestWaiver({ ...input, expiresAt: new Date(Date.now() - DAY) }, engineer)).rejects.toMatchObject({
      code: "validation_failed",
    });
    expect((await item(service.id, "backups")).status).toBe("open");
  });

  it("approving bumps the item's version, so a tick based on the old version gets 409", async () => {
    const { service, engineer, platform } = await setup();
    const waiver = await requestWaiver(
      {
        serviceSlug: service.slug,
        itemKey: "tls-everywhere",
        justification: "mesh rollout in progress",
        expiresAt: new Date(Date.now() + 30 * DAY),
      },
      engineer,
    );
    await decideWaiver({ waiverId: waiver.id, decision: "approve" }, platform);
    await expect(
      updateChecklistItem(
        { serviceSlug: service.slug, itemKey: "tls-everywhere", status: "done", version: 0 },
        engineer,
      ),
    ).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("checklist rules", () => {
  it("refuse N/A on an item required for the tier, and N/A without a reason", async () => {
    const { service, engineer } = await setup();
    await expect(
      updateChecklistItem(
        { serviceSlug: service.slug, itemKey: "owner-team", status: "not_applicable", version: 0, reason: "x" },
        engineer,
      ),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await expect(
      updateChecklistItem(
        { serviceSlug: service.slug, itemKey: "feature-flags", status: "not_applicable", version: 0 },
        engineer,
      ),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const ok = await updateChecklistItem(
      {
        serviceSlug: service.slug,
        itemKey: "feature-flags",
        status: "not_applicable",
        version: 0,
        reason: "no user-facing features",
      },
      engineer,
    );
    expect(ok).toMatchObject({ status: "not_applicable", naReason: "no user-facing features", version: 1 });
  });

  it("answers 404 for an item not on the checklist, and 409 for an archived service", async () => {
    const { service, engineer, platform } = await setup();
    await expect(
      updateChecklistItem({ serviceSlug: service.slug, itemKey: "no-such-item", status: "done", version: 0 }, engineer),
    ).rejects.toMatchObject({ code: "not_found" });
    await prisma.service.update({ where: { id: service.id }, data: { archivedAt: new Date() } });
    await expect(
      updateChecklistItem({ serviceSlug: service.slug, itemKey: "owner-team", status: "done", version: 0 }, platform),
    ).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("platform reviews", () => {
  it("go from request to decision, keep comments, and refuse a second open request", async () => {
    const { service, engineer, platform } = await setup();
    const review = await requestReview({ serviceSlug: service.slug, note: "ready" }, engineer);
    await expect(requestReview({ serviceSlug: service.slug }, engineer)).rejects.toMatchObject({ code: "conflict" });
    await expect(decideReview({ reviewId: review.id, decision: "request_changes" }, platform)).rejects.toMatchObject({
      code: "validation_failed",
    });
    await decideReview(
      { reviewId: review.id, decision: "request_changes", comment: "Test the restore first." },
      platform,
    );
    await commentOnReview({ reviewId: review.id, body: "Done, see the runbook." }, engineer);
    const second = await requestReview({ serviceSlug: service.slug }, engineer);
    await decideReview({ reviewId: second.id, decision: "approve", comment: "Approved." }, platform);
    await expect(decideReview({ reviewId: second.id, decision: "approve" }, platform)).rejects.toMatchObject({
      code: "conflict",
    });
    const history = await listServiceReviews(SYSTEM_ACTOR, service.id);
    expect(history.map((r) => r.status)).toEqual(["approved", "changes_requested"]);
    expect(history[1].comments.map((c) => c.body)).toEqual(["Test the restore first.", "Done, see the runbook."]);
    const actions = await prisma.auditLog.findMany({
      where: { serviceId: service.id, entityType: "review" },
      orderBy: { at: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "review.request",
      "review.changes_requested",
      "review.comment",
      "review.request",
      "review.approved",
    ]);
  });
});
