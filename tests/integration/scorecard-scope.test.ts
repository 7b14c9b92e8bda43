// Scoped scorecards: a scorecard judges only the services its scope matches. The gate takes
// ?scorecard= (a service outside the scope passes, marked inScope: false), team roll-ups count only
// the services in scope, a scope change takes effect at once, and snapshots record the scope.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as gateRoute } from "@/app/api/v1/services/[slug]/gate/route";
import { GET as teamRoute } from "@/app/api/v1/teams/[slug]/scorecard/route";
import { prisma } from "@/lib/core/db/client";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { updateService } from "@/lib/catalog/server";
import {
  ensureBuiltInScorecards,
  importScorecard,
  updateScorecardSettings,
} from "@/lib/scorecards/server/scorecard-admin";
import { exportScorecardYaml } from "@/lib/scorecards/server/scorecards";
import { takeSnapshots, type ServiceSnapshotData } from "@/lib/scorecards/server/snapshots";
import { ensureBuiltInTemplates } from "@/lib/readiness/server/templates";
import { utcDay } from "@/lib/core/calendar";
import { makeService, makeTeam, makeToken, uniq } from "../support/factories";

beforeAll(async () => {
  await ensureBuiltInTemplates();
  await ensureBuiltInScorecards();
});

const get = (handler: typeof gateRoute, path: string, token: string, slug: string) =>
  handler(new NextRequest(`http://localhost${path}`, { headers: { authorization: `Bearer ${token}` } }), {
    params: Promise.resolve({ slug }),
  });

describe("scorecard scopes", () => {
  it("limit the gate and the team roll-up to the services in scope, and follow a scope change", async () => {
    const team = await makeTeam(prisma);
    const critical = await makeService(prisma, team.id, { tier: 1 });
    const minor = await makeService(prisma, team.id, { tier: 3 });
    await updateService(critical.slug, { tags: { pci: "" } }, SYSTEM_ACTOR);
    const key = uniq("tier-one");
    await importScorecard(
      `key: ${key}
name: Tier 1 standards
scope:
  tiers: [1]
rules:
  - key: on-call
    name: On-call set
    level: bronze
    check: { type: expression, expression: 'catalog.onCall != ""' }
`,
      SYSTEM_ACTOR,
    );
    const token = await makeToken(prisma, ["read"]);
    const gate = (slug: string) =>
      get(gateRoute, `/api/v1/services/${slug}/gate?level=bronze&scorecard=${key}`, token, slug);

    const held = await gate(critical.slug);
    expect(held.status).toBe(412);
    expect(await held.json()).toMatchObject({
      pass: false,
      scorecard: key,
      inScope: true,
      failing: [{ rule: "on-call" }],
    });
    const outside = await gate(minor.slug);
    expect(outside.status).toBe(200);
    expect(await outside.json()).toEqual({
      pass: true,
      level: null,
      required: "bronze",
      scorecard: key,
      inScope: false,
    });
    // Without ?scorecard= the default scorecard judges, as before.
    expect(await (await get(gateRoute, `/api/v1/services/${minor.slug}/gate`, token, minor.slug)).json()).toMatchObject(
      {
        scorecard: "production-readiness",
        inScope: true,
      },
    );
    const unknown = await get(gateRoute, `/api/v1/services/${minor.slug}/gate?scorecard=nope`, token, minor.slug);
    expect(unknown.status).toBe(404);

    const roll = async () =>
      (await get(teamRoute, `/api/v1/teams/${team.slug}/scorecard?scorecard=${key}`, token, team.slug)).json();
    const before = await roll();
    expect(before).toMatchObject({ scorecard: key, score: 0, levels: { none: 1, bronze: 0 } });
    expect(before.failingRules).toEqual([expect.objectContaining({ rule: "on-call", services: [critical.slug] })]);
    expect(before.services.find((s: { service: string }) => s.service === minor.slug)).toMatchObject({
      inScope: false,
    });

    // Widen the scope to tagged services of any tier, then to tier 3 too.
    await updateScorecardSettings(
      key,
      { name: "Tier 1 standards", description: null, enabled: true, isDefault: false, scope: { tiers: [1, 3] } },
      SYSTEM_ACTOR,
    );
    expect((await roll()).levels).toMatchObject({ none: 2 });
    expect((await gate(minor.slug)).status).toBe(412);
    await updateScorecardSettings(
      key,
      { name: "Tier 1 standards", description: null, enabled: true, isDefault: false, scope: { tags: ["pci"] } },
      SYSTEM_ACTOR,
    );
    expect((await roll()).levels).toMatchObject({ none: 1 });
    await prisma.service.update({ where: { id: critical.id }, data: { onCall: "payments-primary" } });
    // Its only rule passes, and it has no Silver or Gold rules: Gold.
    expect(await roll()).toMatchObject({ score: 100, levels: { gold: 1, none: 0 } });
    expect(await exportScorecardYaml(SYSTEM_ACTOR, key)).toMatch(/scope:\n {2}tags:\n {4}- pci\n/);
  });

  it("are refused when malformed, with the part named", async () => {
    await expect(
      importScorecard(
        `key: ${uniq("bad")}
name: Bad scope
scope:
  tiers: [4]
  owners: [x]
rules:
  - { key: rule-one, name: Rule one, level: bronze, check: { type: slo_count } }
`,
        SYSTEM_ACTOR,
      ),
    ).rejects.toMatchObject({ code: "validation_failed", message: expect.stringMatching(/scope/) });
  });

  it("are recorded in each day's snapshot, with whether the service was in scope", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    await takeSnapshots();
    const row = await prisma.serviceSnapshot.findUniqueOrThrow({
      where: { serviceId_day: { serviceId: svc.id, day: utcDay(new Date()) } },
    });
    const data = row.data as ServiceSnapshotData;
    expect(data).toMatchObject({ scorecard: "production-readiness", inScope: true, scope: {} });
  });
});
