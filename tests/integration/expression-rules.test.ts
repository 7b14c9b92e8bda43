// Expression rules on live data: a scorecard imported as YAML with a CEL rule over custom facts and
// tags, judged live and as of a past instant (facts are read from their history), with the reason.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { putFact, updateService } from "@/lib/catalog/server";
import { evaluateServices } from "@/lib/scorecards/server/scorecards";
import { ensureBuiltInScorecards, importScorecard } from "@/lib/scorecards/server/scorecard-admin";
import { ensureBuiltInTemplates } from "@/lib/readiness/server/templates";
import { previewExpression } from "@/lib/scorecards/server/expressions";
import { makeService, makeTeam, uniq } from "../support/factories";

const DAY = 86_400_000;

// The default scorecard exists, so the imported one is an additional scorecard (not the default).
beforeAll(async () => {
  await ensureBuiltInTemplates();
  await ensureBuiltInScorecards();
});

describe("expression rules", () => {
  it("judge custom facts and tags live and as they were, and name what they read", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const key = uniq("standards");
    await importScorecard(
      `key: ${key}
name: Engineering standards
rules:
  - key: coverage
    name: Coverage and PCI tag
    level: bronze
    check:
      type: expression
      expression: 'facts.coverage.line >= 80 && "pci" in tags'
`,
      SYSTEM_ACTOR,
    );
    const judge = async (asOf = new Date()) => {
      const [result] = await evaluateServices([svc.id], asOf);
      const card = result.others.find((o) => o.key === key)!;
      return card.result.rules[0];
    };

    // Each failing part says why.
    expect(await judge()).toMatchObject({ pass: false, reason: 'no fact `coverage`; tags is {}; needs "pci" in it' });

    await putFact(SYSTEM_ACTOR, svc.slug, "coverage", { line: 72 });
    // The first report was two days ago.
    await prisma.serviceFactRevision.updateMany({
      where: { serviceId: svc.id },
      data: { recordedAt: new Date(Date.now() - 2 * DAY) },
    });
    await putFact(SYSTEM_ACTOR, svc.slug, "coverage", { line: 85 });
    expect(await judge()).toMatchObject({
      pass: false,
      reason: 'tags is {}; needs "pci" in it',
      read: [
        { path: "facts.coverage.line", value: 85 },
        { path: "tags", value: {} },
      ],
    });
    await updateService(svc.slug, { tags: { pci: "" } }, SYSTEM_ACTOR);
    expect(await judge()).toMatchObject({ pass: true });
    // Yesterday, the history says 72.
    expect(await judge(new Date(Date.now() - DAY))).toMatchObject({
      pass: false,
      reason: "facts.coverage.line is 72; needs ≥ 80",
    });
    // Three days ago there was no fact at all.
    expect(await judge(new Date(Date.now() - 3 * DAY))).toMatchObject({ reason: "no fact `coverage`" });
    expect((await judge(new Date(Date.now() - 3 * DAY))).read).toContainEqual({
      path: "facts.coverage.line",
      value: undefined,
    });
  });

  it("preview: checks like a save, then runs on the service's live document", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id, { tier: 1 });
    await expect(previewExpression(SYSTEM_ACTOR, "catalog.tier >=", svc.slug)).rejects.toMatchObject({
      code: "validation_failed",
      details: [{ path: "expression", message: expect.stringMatching(/^syntax error/) }],
    });
    await expect(previewExpression(SYSTEM_ACTOR, "catalog.tier == 1", "no-such-service")).rejects.toMatchObject({
      code: "not_found",
    });
    const preview = await previewExpression(SYSTEM_ACTOR, "catalog.tier == 1 && catalog.team == 'nope'", svc.slug);
    expect(preview).toMatchObject({ pass: false, reason: `catalog.team is "${team.slug}"; needs = 'nope'` });
    expect(preview.document).toMatchObject({ catalog: { slug: svc.slug, tier: 1, team: team.slug }, facts: {} });
  });
});
