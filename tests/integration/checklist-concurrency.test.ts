import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { getServiceChecklist, itemEntityId, updateChecklistItem } from "@/lib/readiness/server/checklists";
import { ensureBuiltInTemplates } from "@/lib/readiness/server/templates";
import { actorFor, makeService, makeTeam, makeUser } from "../support/factories";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";

beforeAll(async () => {
  await ensureBuiltInTemplates();
});

describe("checklist concurrency (optimistic versioning)", () => {
  it("50 parallel ticks of one item with the same version: exactly one wins, 49 get 409, one audit entry", async () => {
    const team = await makeTeam(prisma);
    const service = await makeService(prisma, team.id, { tier: 1 });
    await getServiceChecklist(SYSTEM_ACTOR, service.id); // assigns the checklist
    const users = await Promise.all(
      Array.from({ length: 5 }, () => makeUser(prisma, { role: "engineer", teamIds: [team.id] })),
    );
    const attempts = Array.from({ length: 50 }, (_, i) =>
      updateChecklistItem(
        { serviceSlug: service.slug, itemKey: "owner-team", status: "done", version: 0, note: `attempt ${i}` },
        actorFor(users[i % 5], [team.id]),
      ),
    );
    const results = await Promise.allSettled(attempts);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const r of lost) {
      expect(r.reason).toMatchObject({ code: "conflict", status: 409 });
      expect(r.reason.message).toMatch(/changed by Test engineer .* reload/);
    }
    const audit = await prisma.auditLog.count({ where: { entityId: itemEntityId(service.id, "owner-team") } });
    expect(audit).toBe(1);
    const state = await prisma.checklistItemState.findUniqueOrThrow({
      where: { serviceId_itemKey: { serviceId: service.id, itemKey: "owner-team" } },
    });
    expect(state.version).toBe(1);
  });

  it("the same race on an answered item (version 1 → 2) also lets exactly one through", async () => {
    const team = await makeTeam(prisma);
    const service = await makeService(prisma, team.id);
    await getServiceChecklist(SYSTEM_ACTOR, service.id);
    const user = await makeUser(prisma, { role: "engineer", teamIds: [team.id] });
    const actor = actorFor(user, [team.id]);
    await updateChecklistItem({ serviceSlug: service.slug, itemKey: "tests-in-ci", status: "done", version: 0 }, actor);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        updateChecklistItem({ serviceSlug: service.slug, itemKey: "tests-in-ci", status: "open", version: 1 }, actor),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.auditLog.count({ where: { entityId: itemEntityId(service.id, "tests-in-ci") } })).toBe(2);
  });

  it("a stale version is refused even without a race", async () => {
    const team = await makeTeam(prisma);
    const service = await makeService(prisma, team.id);
    await getServiceChecklist(SYSTEM_ACTOR, service.id);
    const actor = actorFor(await makeUser(prisma, { role: "platform" }));
    await updateChecklistItem({ serviceSlug: service.slug, itemKey: "tests-in-ci", status: "done", version: 0 }, actor);
    await expect(
      updateChecklistItem({ serviceSlug: service.slug, itemKey: "tests-in-ci", status: "open", version: 0 }, actor),
    ).rejects.toMatchObject({ code: "conflict" });
  });
});
