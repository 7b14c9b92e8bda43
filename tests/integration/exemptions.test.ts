// Rule exemptions: requested by the owning team, decided by the platform team (a rejection needs a
// reason), passing while in force, failing again once expired or revoked (and judged as they were
// for a past instant), audited at every step, and refused to anyone else with nothing written.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { evaluateServices } from "@/lib/scorecards/server/scorecards";
import { ensureBuiltInScorecards, importScorecard } from "@/lib/scorecards/server/scorecard-admin";
import { decideExemption, listExemptions, requestExemption, revokeExemption } from "@/lib/scorecards/server/exemptions";
import { ensureBuiltInTemplates } from "@/lib/readiness/server/templates";
import { actorFor, makeService, makeTeam, makeUser, uniq } from "../support/factories";

const DAY = 86_400_000;

beforeAll(async () => {
  await ensureBuiltInTemplates();
  await ensureBuiltInScorecards();
});

async function setting() {
  const team = await makeTeam(prisma);
  const other = await makeTeam(prisma);
  const svc = await makeService(prisma, team.id);
  const engineer = actorFor(await makeUser(prisma, { role: "engineer", teamIds: [team.id] }), [team.id]);
  const stranger = actorFor(await makeUser(prisma, { role: "engineer", teamIds: [other.id] }), [other.id]);
  const platform = actorFor(await makeUser(prisma, { role: "platform" }));
  const key = uniq("baseline");
  await importScorecard(
    `key: ${key}
name: Baseline
rules:
  - { key: runbook, name: Runbook linked, level: bronze, check: { type: catalog_field, field: runbookUrl } }
`,
    SYSTEM_ACTOR,
  );
  const judge = async (asOf = new Date()) =>
    (await evaluateServices([svc.id], asOf))[0].others.find((o) => o.key === key)!.result.rules[0];
  return { svc, engineer, stranger, platform, key, judge };
}

describe("rule exemptions", () => {
  it("pass the rule while approved, and fail it again once expired", async () => {
    const { svc, engineer, platform, key, judge } = await setting();
    expect(await judge()).toMatchObject({ pass: false, reason: "no runbook URL in the catalog" });

    const asked = await requestExemption(
      {
        service: svc.slug,
        scorecard: key,
        rule: "runbook",
        justification: "Moving to the new wiki",
        expiresAt: new Date(Date.now() + 10 * DAY),
      },
      engineer,
    );
    expect(asked).toMatchObject({ state: "pending", rule: "runbook", ruleName: "Runbook linked" });
    expect((await judge()).pass).toBe(false); // pending does not count
    await expect(
      requestExemption(
        {
          service: svc.slug,
          scorecard: key,
          rule: "runbook",
          justification: "Again, the new wiki",
          expiresAt: new Date(Date.now() + 5 * DAY),
        },
        engineer,
      ),
    ).rejects.toMatchObject({ code: "conflict" });

    const approved = await decideExemption({ id: asked.id, decision: "approve" }, platform);
    expect(approved).toMatchObject({ state: "active", decidedBy: platform.email });
    const exempt = await judge();
    expect(exempt.pass).toBe(true);
    expect(exempt.exemptUntil).toBe(approved.expiresAt);
    expect(exempt.reason).toMatch(
      /^exempt until \d{4}-\d\d-\d\d \(Moving to the new wiki\); without it: no runbook URL/,
    );

    // Eleven days on, it has expired: the rule fails again, and the list says expired.
    const later = new Date(Date.now() + 11 * DAY);
    expect((await judge(later)).pass).toBe(false);
    expect(
      (await listExemptions(SYSTEM_ACTOR, { service: svc.slug, state: "expired" }, later)).map((e) => e.id),
    ).toEqual([asked.id]);
    const audit = await prisma.auditLog.findMany({
      where: { entityType: "exemption", entityId: asked.id },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["exemption.request", "exemption.approve"]);
  });

  it("stop counting when revoked, from that instant on", async () => {
    const { svc, engineer, platform, key, judge } = await setting();
    const asked = await requestExemption(
      {
        service: svc.slug,
        scorecard: key,
        rule: "runbook",
        justification: "Moving to the new wiki",
        expiresAt: new Date(Date.now() + 10 * DAY),
      },
      engineer,
    );
    await decideExemption({ id: asked.id, decision: "approve" }, platform);
    const revoked = await revokeExemption({ id: asked.id, note: "The wiki move is done" }, platform);
    expect(revoked.state).toBe("revoked");
    expect((await judge()).pass).toBe(false);
    // Between the approval and the revocation (the stored instants, not the test's clock) it counted.
    const stored = await prisma.ruleExemption.findUniqueOrThrow({ where: { id: asked.id } });
    const between = new Date((stored.decidedAt!.getTime() + stored.revokedAt!.getTime()) / 2);
    expect(stored.revokedAt!.getTime()).toBeGreaterThan(stored.decidedAt!.getTime());
    expect((await judge(between)).pass).toBe(true);
    expect((await judge(stored.revokedAt!)).pass).toBe(false);
    await expect(revokeExemption({ id: asked.id }, platform)).rejects.toMatchObject({ code: "conflict" });
  });

  it("are asked for by the owning team only, decided by the platform team only, and rejected with a reason", async () => {
    const { svc, engineer, stranger, platform, key } = await setting();
    const input = {
      service: svc.slug,
      scorecard: key,
      rule: "runbook",
      justification: "Moving to the new wiki",
      expiresAt: new Date(Date.now() + 10 * DAY),
    };
    await expect(requestExemption(input, stranger)).rejects.toMatchObject({ code: "forbidden" });
    expect(await prisma.ruleExemption.count({ where: { serviceId: svc.id } })).toBe(0);
    await expect(requestExemption({ ...input, rule: "no-such-rule" }, engineer)).rejects.toMatchObject({
      code: "validation_failed",
      details: [{ path: "rule" }],
    });
    await expect(
      requestExemption({ ...input, expiresAt: new Date(Date.now() + 400 * DAY) }, engineer),
    ).rejects.toMatchObject({
      details: [{ path: "expiresAt", message: "must be within a year" }],
    });
    const asked = await requestExemption(input, engineer);
    await expect(decideExemption({ id: asked.id, decision: "approve" }, engineer)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(decideExemption({ id: asked.id, decision: "reject" }, platform)).rejects.toMatchObject({
      code: "validation_failed",
      details: [{ path: "note", message: "is required when rejecting" }],
    });
    expect((await prisma.ruleExemption.findUniqueOrThrow({ where: { id: asked.id } })).status).toBe("pending");
    const rejected = await decideExemption(
      { id: asked.id, decision: "reject", note: "Link the old runbook meanwhile" },
      platform,
    );
    expect(rejected).toMatchObject({ state: "rejected", decisionNote: "Link the old runbook meanwhile" });
  });
});
