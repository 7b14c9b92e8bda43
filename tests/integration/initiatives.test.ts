import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { createInitiative, getInitiative, listInitiatives } from "@/lib/scorecards/server/initiatives";
import { ensureBuiltInScorecards } from "@/lib/scorecards/server/scorecard-admin";
import { ensureBuiltInTemplates } from "@/lib/readiness/server/templates";
import { actorFor, makeService, makeTeam, makeUser } from "../support/factories";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";

const DAY = 86_400_000;

beforeAll(async () => {
  await ensureBuiltInTemplates();
  await ensureBuiltInScorecards();
});

describe("initiatives", () => {
  it("track live progress over their scope, with a burn-up from the daily snapshots and an overdue flag", async () => {
    const team = await makeTeam(prisma);
    const [ready, missing] = [await makeService(prisma, team.id), await makeService(prisma, team.id)];
    await prisma.service.update({
      where: { id: ready.id },
      data: { onCall: "pager", runbookUrl: "https://rb.example" },
    });
    const platform = actorFor(await makeUser(prisma, { role: "platform" }));
    const initiative = await createInitiative(
      {
        name: "Runbooks",
        description: null,
        targetLevel: null,
        ruleKeys: ["runbook", "on-call"],
        teamIds: [team.id],
        serviceSlugs: [],
        ownerId: platform.id,
        targetDate: new Date(Date.now() - DAY),
      },
      platform,
    );
    // Two days of history written the way the daily job writes them.
    const day = (n: number) => new Date(Math.floor((Date.now() - n * DAY) / DAY) * DAY);
    const rules = (pass: boolean) => [
      { rule: "runbook", level: "bronze", weight: 1, pass, message: "" },
      { rule: "on-call", level: "bronze", weight: 1, pass, message: "" },
    ];
    await prisma.serviceSnapshot.createMany({
      data: [
        { serviceId: ready.id, day: day(2), level: "none", score: 10, data: { rules: rules(false) } },
        { serviceId: missing.id, day: day(2), level: "none", score: 10, data: { rules: rules(false) } },
        { serviceId: ready.id, day: day(1), level: "none", score: 20, data: { rules: rules(true) } },
        { serviceId: missing.id, day: day(1), level: "none", score: 10, data: { rules: rules(false) } },
      ],
    });

    const detail = (await getInitiative(SYSTEM_ACTOR, initiative.id))!;
    expect(detail).toMatchObject({ done: 1, scope: 2, overdue: true, complete: false });
    expect(detail.services.find((s) => s.id === missing.id)?.gaps).toEqual([
      "Runbook linked: no runbook URL in the catalog",
      "On-call rotation set: no on-call in the catalog",
    ]);
    expect(detail.burnUp.map((p) => p.done)).toEqual([0, 1, 1]);
    expect(detail.burnUp.every((p) => p.scope === 2)).toBe(true);
    expect((await listInitiatives(SYSTEM_ACTOR)).find((i) => i.id === initiative.id)).toMatchObject({
      done: 1,
      scope: 2,
      overdue: true,
    });
  });

  it("are created by platform users only, need a target, and a refused one writes nothing", async () => {
    const team = await makeTeam(prisma);
    const engineer = actorFor(await makeUser(prisma, { role: "engineer", teamIds: [team.id] }), [team.id]);
    const platform = actorFor(await makeUser(prisma, { role: "platform" }));
    const input = {
      name: "Silver",
      description: null,
      targetLevel: "silver" as const,
      ruleKeys: [],
      teamIds: [team.id],
      serviceSlugs: [],
      ownerId: platform.id,
      targetDate: new Date(Date.now() + 30 * DAY),
    };
    const ours = () => prisma.initiative.count({ where: { teams: { some: { teamId: team.id } } } });
    await expect(createInitiative(input, engineer)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createInitiative({ ...input, targetLevel: null }, platform)).rejects.toMatchObject({
      code: "validation_failed",
    });
    await expect(createInitiative({ ...input, serviceSlugs: ["no-such-service"] }, platform)).rejects.toMatchObject({
      code: "validation_failed",
      message: expect.stringContaining("no-such-service"),
    });
    expect(await ours()).toBe(0);
    const created = await createInitiative(input, platform);
    expect(
      await prisma.auditLog.count({
        where: { entityType: "initiative", entityId: created.id, action: "initiative.create" },
      }),
    ).toBe(1);
  });
});
