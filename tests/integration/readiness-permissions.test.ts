import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { getServiceChecklist, updateChecklistItem, upgradeChecklist } from "@/lib/readiness/server/checklists";
import { decideReview, requestReview } from "@/lib/readiness/server/reviews";
import { createService, updateService } from "@/lib/catalog/server/services";
import { ensureBuiltInTemplates } from "@/lib/readiness/server/templates";
import { decideWaiver, requestWaiver } from "@/lib/readiness/server/waivers";
import { importBackstageCatalog } from "@/lib/catalog/server/import-catalog";
import type { TokenActor } from "@/lib/core/auth/permissions";
import { actorFor, makeService, makeTeam, makeUser, uniq } from "../support/factories";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";

// Every cross-team attempt is refused with 403 and changes nothing: not the service, not the
// checklist, not waivers or reviews, not the audit log.

async function snapshot(serviceId: string) {
  const [service, states, waivers, reviews, audit] = await Promise.all([
    prisma.service.findUniqueOrThrow({ where: { id: serviceId } }),
    prisma.checklistItemState.findMany({ where: { serviceId }, orderBy: { itemKey: "asc" } }),
    prisma.waiver.findMany({ where: { serviceId }, orderBy: { id: "asc" } }),
    prisma.review.findMany({ where: { serviceId }, orderBy: { id: "asc" } }),
    prisma.auditLog.count({ where: { serviceId } }),
  ]);
  return { service, states, waivers, reviews, audit };
}

describe("cross-team changes are forbidden and write nothing", () => {
  let serviceSlug: string;
  let serviceId: string;
  let outsider: ReturnType<typeof actorFor>;
  let teamId: string;

  beforeAll(async () => {
    await ensureBuiltInTemplates();
    const owners = await makeTeam(prisma);
    const others = await makeTeam(prisma);
    teamId = owners.id;
    const service = await makeService(prisma, owners.id, { tier: 1 });
    serviceSlug = service.slug;
    serviceId = service.id;
    await getServiceChecklist(SYSTEM_ACTOR, service.id);
    const user = await makeUser(prisma, { role: "engineer", teamIds: [others.id] });
    outsider = actorFor(user, [others.id]);
  });

  const attempts: Array<[string, () => Promise<unknown>]> = [
    [
      "tick an item",
      () => updateChecklistItem({ serviceSlug, itemKey: "owner-team", status: "done", version: 0 }, outsider),
    ],
    [
      "mark an item not applicable",
      () =>
        updateChecklistItem(
          { serviceSlug, itemKey: "feature-flags", status: "not_applicable", version: 0, reason: "no" },
          outsider,
        ),
    ],
    [
      "request a waiver",
      () =>
        requestWaiver(
          {
            serviceSlug,
            itemKey: "owner-team",
            justification: "no time this quarter",
            expiresAt: new Date(Date.now() + 86_400_000 * 10),
          },
          outsider,
        ),
    ],
    ["request a review", () => requestReview({ serviceSlug }, outsider)],
    ["edit service metadata", () => updateService(serviceSlug, { name: "Hijacked" }, outsider)],
    ["archive the service", () => updateService(serviceSlug, { archived: true }, outsider)],
    ["upgrade the checklist", () => upgradeChecklist(serviceSlug, outsider)],
  ];

  for (const [what, attempt] of attempts) {
    it(`an engineer of another team cannot ${what}`, async () => {
      const before = await snapshot(serviceId);
      await expect(attempt()).rejects.toMatchObject({ code: "forbidden", status: 403 });
      expect(await snapshot(serviceId)).toEqual(before);
    });
  }

  it("an engineer cannot decide waivers or reviews, even on their own team", async () => {
    const member = actorFor(await makeUser(prisma, { role: "engineer", teamIds: [teamId] }), [teamId]);
    const waiver = await requestWaiver(
      {
        serviceSlug,
        itemKey: "on-call-rotation",
        justification: "rotation starts next month",
        expiresAt: new Date(Date.now() + 86_400_000 * 20),
      },
      member,
    );
    const review = await requestReview({ serviceSlug }, member);
    await expect(decideWaiver({ waiverId: waiver.id, decision: "approve" }, member)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(decideReview({ reviewId: review.id, decision: "approve" }, member)).rejects.toMatchObject({
      code: "forbidden",
    });
    expect((await prisma.waiver.findUniqueOrThrow({ where: { id: waiver.id } })).status).toBe("pending");
    expect((await prisma.review.findUniqueOrThrow({ where: { id: review.id } })).status).toBe("requested");
  });

  it("leadership reads but cannot tick", async () => {
    const lead = actorFor(await makeUser(prisma, { role: "leadership" }));
    await expect(
      updateChecklistItem({ serviceSlug, itemKey: "owner-team", status: "done", version: 0 }, lead),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("a team-bound admin token cannot create services for another team, nor import the catalog", async () => {
    const other = await makeTeam(prisma);
    const token: TokenActor = { kind: "token", id: "t", name: "bound", scopes: ["admin"], teamId };
    const slug = uniq("svc");
    await expect(
      createService({ slug, name: "X", team: other.slug, tier: 2, lifecycle: "production", type: "service" }, token),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await prisma.service.count({ where: { slug } })).toBe(0);
    await expect(importBackstageCatalog("kind: Group\nmetadata: { name: x }", token)).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
