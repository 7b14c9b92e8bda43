import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as gateRoute } from "@/app/api/v1/services/[slug]/gate/route";
import { GET as teamScorecardRoute } from "@/app/api/v1/teams/[slug]/scorecard/route";
import { prisma } from "@/lib/core/db/client";
import { getServiceChecklist } from "@/lib/readiness/server/checklists";
import {
  evaluateServices,
  exportScorecardYaml,
  getServiceScorecard,
  getTeamScorecard,
} from "@/lib/scorecards/server/scorecards";
import { ensureBuiltInScorecards, importScorecard, saveRule } from "@/lib/scorecards/server/scorecard-admin";
import { listServices } from "@/lib/catalog/server/services";
import { takeSnapshots } from "@/lib/scorecards/server/snapshots";
import { ensureBuiltInTemplates } from "@/lib/readiness/server/templates";
import { actorFor, makeService, makeTeam, makeToken, makeUser, uniq } from "../support/factories";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";

const DAY = 86_400_000;

/** A service whose bronze rules pass; silver needs its required items, an SLO and a deployment. */
async function bronzeService(tier = 3) {
  const team = await makeTeam(prisma);
  const service = await makeService(prisma, team.id, { tier });
  await prisma.service.update({
    where: { id: service.id },
    data: { onCall: "pager", runbookUrl: "https://runbooks.example/x" },
  });
  const checklist = (await getServiceChecklist(SYSTEM_ACTOR, service.id))!;
  const items = checklist.categories.flatMap((c) => c.items);
  const ownership = checklist.categories.find((c) => c.key === "ownership")!.items.filter((i) => i.required);
  await prisma.checklistItemState.createMany({
    data: ownership.map((i) => ({ serviceId: service.id, itemKey: i.key, status: "done" as const, version: 1 })),
  });
  const required = items.filter((i) => i.required && !ownership.some((o) => o.key === i.key));
  return { team, service, required, all: items };
}

async function makeSilver(serviceId: string, requiredKeys: string[]) {
  await prisma.checklistItemState.createMany({
    data: requiredKeys.map((itemKey) => ({ serviceId, itemKey, status: "done" as const, version: 1 })),
    skipDuplicates: true,
  });
  await prisma.slo.create({ data: { serviceId, name: "availability", objective: 99.9, windowDays: 30 } });
  await prisma.deployment.create({
    data: {
      serviceId,
      externalId: uniq("d"),
      environment: "production",
      status: "success",
      finishedAt: new Date(Date.now() - 2 * DAY),
    },
  });
}

const request = (path: string, token?: string) =>
  new NextRequest(`http://localhost${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const ctx = (slug: string) => ({ params: Promise.resolve({ slug }) });

beforeAll(async () => {
  await ensureBuiltInTemplates();
  await ensureBuiltInScorecards();
});

describe("the default scorecard", () => {
  it("ships seeded once as the default, and re-importing its export changes nothing", async () => {
    const card = await prisma.scorecard.findUniqueOrThrow({
      where: { key: "production-readiness" },
      include: { rules: true },
    });
    expect(card).toMatchObject({ isDefault: true, enabled: true });
    expect(card.rules).toHaveLength(14);
    expect(await ensureBuiltInScorecards()).toEqual([]);
    expect(
      await importScorecard(await exportScorecardYaml(SYSTEM_ACTOR, "production-readiness"), SYSTEM_ACTOR),
    ).toMatchObject({ action: "unchanged" });
  });
});

describe("service levels from live facts", () => {
  it("moves none → bronze → silver as the facts change, explaining each failing rule", async () => {
    const { service, required } = await bronzeService();
    await prisma.service.update({ where: { id: service.id }, data: { onCall: null } });
    let s = (await getServiceScorecard(SYSTEM_ACTOR, service.slug))!;
    expect(s.result.level).toBe("none");
    expect(s.result.rules.find((r) => r.key === "on-call")).toMatchObject({
      pass: false,
      reason: "no on-call in the catalog",
    });

    await prisma.service.update({ where: { id: service.id }, data: { onCall: "pager" } });
    s = (await getServiceScorecard(SYSTEM_ACTOR, service.slug))!;
    expect(s.result.level).toBe("bronze");
    expect(s.result.nextLevel?.failing.map((r) => r.key).sort()).toEqual(
      ["recently-deployed", ...(required.length ? ["required-items"] : []), "slo-defined"].sort(),
    );

    await makeSilver(
      service.id,
      required.map((i) => i.key),
    );
    s = (await getServiceScorecard(SYSTEM_ACTOR, service.slug))!;
    expect(s.result.level).toBe("silver");
    expect(s.result.rules.find((r) => r.key === "no-slo-exhausted")).toMatchObject({ pass: true });
  });

  it("counts an approved, unexpired waiver for a required item, and not once it has expired", async () => {
    const { service, required } = await bronzeService(1);
    const [waived, ...rest] = required;
    await makeSilver(
      service.id,
      rest.map((i) => i.key),
    );
    const platform = await makeUser(prisma, { role: "platform" });
    const expiresAt = new Date(Date.now() + 10 * DAY);
    await prisma.waiver.create({
      data: {
        serviceId: service.id,
        itemKey: waived.key,
        justification: "later",
        expiresAt,
        status: "approved",
        requestedById: platform.id,
        decidedById: platform.id,
        decidedAt: new Date(),
      },
    });
    await prisma.checklistItemState.create({
      data: { serviceId: service.id, itemKey: waived.key, status: "waived", version: 1 },
    });
    expect((await getServiceScorecard(SYSTEM_ACTOR, service.slug))!.result.level).toBe("silver");
    const later = (await getServiceScorecard(SYSTEM_ACTOR, service.slug, new Date(expiresAt.getTime() + DAY)))!;
    expect(later.result.level).toBe("bronze");
    expect(later.result.rules.find((r) => r.key === "required-items")?.reason).toContain(waived.title);
  });
});

describe("editing rules", () => {
  it("is for platform users only: a refused edit writes nothing, an accepted one is audited and changes levels at once", async () => {
    const { team, service } = await bronzeService();
    const engineer = actorFor(await makeUser(prisma, { role: "engineer", teamIds: [team.id] }), [team.id]);
    const platform = actorFor(await makeUser(prisma, { role: "platform" }));
    const rule = (await prisma.scorecardRule.findFirstOrThrow({
      where: { key: "slo-defined", scorecard: { key: "production-readiness" } },
    }))!;
    const doc = {
      key: "slo-defined",
      name: rule.name,
      level: "silver" as const,
      weight: 1,
      enabled: false,
      check: { type: "slo_count" as const, min: 1 },
    };
    const audits = await prisma.auditLog.count({ where: { entityType: "scorecard" } });

    await expect(saveRule("production-readiness", doc, engineer, "slo-defined")).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await prisma.auditLog.count({ where: { entityType: "scorecard" } })).toBe(audits);
    expect((await prisma.scorecardRule.findUniqueOrThrow({ where: { id: rule.id } })).enabled).toBe(true);

    const before = (await getServiceScorecard(SYSTEM_ACTOR, service.slug))!;
    expect(before.result.rules.some((r) => r.key === "slo-defined")).toBe(true);
    try {
      await saveRule("production-readiness", doc, platform, "slo-defined");
      const after = (await getServiceScorecard(SYSTEM_ACTOR, service.slug))!;
      expect(after.result.rules.some((r) => r.key === "slo-defined")).toBe(false);
      const entry = await prisma.auditLog.findFirstOrThrow({
        where: { entityType: "scorecard", action: "scorecard.rule.update" },
        orderBy: { at: "desc" },
      });
      expect(entry).toMatchObject({
        actorLabel: platform.email,
        data: expect.objectContaining({ rule: "slo-defined" }),
      });
    } finally {
      await saveRule("production-readiness", { ...doc, enabled: true }, platform, "slo-defined");
    }
  });
});

describe("team scorecard", () => {
  it("weights scores by tier (×3, ×2, ×1) and lists failing rules worst first", async () => {
    const team = await makeTeam(prisma);
    const [critical, minor] = [
      await makeService(prisma, team.id, { tier: 1 }),
      await makeService(prisma, team.id, { tier: 3 }),
    ];
    const t = (await getTeamScorecard(SYSTEM_ACTOR, team.slug))!;
    const score = (id: string) => t.services.find((s) => s.service.id === id)!.result.score;
    expect(t.score).toBeCloseTo((3 * score(critical.id) + score(minor.id)) / 4, 1);
    expect(t.levels.none).toBe(2);
    // Bronze blockers before silver before gold; within a level, the most services first.
    const order = ["bronze", "silver", "gold"];
    for (let i = 1; i < t.failing.length; i++) {
      const [a, b] = [t.failing[i - 1], t.failing[i]];
      expect(order.indexOf(a.level)).toBeLessThanOrEqual(order.indexOf(b.level));
      if (a.level === b.level) expect(a.services.length).toBeGreaterThanOrEqual(b.services.length);
    }
    expect(t.failing[0]).toMatchObject({ level: "bronze", services: expect.arrayContaining([critical.slug]) });

    const res = await teamScorecardRoute(
      request(`/api/v1/teams/${team.slug}/scorecard`, await makeToken(prisma, ["read"])),
      ctx(team.slug),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      team: team.slug,
      score: t.score,
      levels: { none: 2 },
      services: expect.arrayContaining([expect.objectContaining({ service: critical.slug, tier: 1 })]),
    });
  });
});

describe("deploy gate API", () => {
  it("answers 200 when the level is met and 412 with the failing rules when not", async () => {
    const token = await makeToken(prisma, ["read"]);
    const { service, required } = await bronzeService();
    const fail = await gateRoute(
      request(`/api/v1/services/${service.slug}/gate?level=silver`, token),
      ctx(service.slug),
    );
    expect(fail.status).toBe(412);
    const body = await fail.json();
    expect(body).toMatchObject({ pass: false, level: "bronze" });
    expect(body.failing.map((f: { rule: string }) => f.rule)).toContain("slo-defined");
    expect(body.failing[0].message).toMatch(/: /);

    const ok = await gateRoute(request(`/api/v1/services/${service.slug}/gate?level=bronze`, token), ctx(service.slug));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      pass: true,
      level: "bronze",
      required: "bronze",
      scorecard: "production-readiness",
      inScope: true,
    });

    await makeSilver(
      service.id,
      required.map((i) => i.key),
    );
    const def = await gateRoute(request(`/api/v1/services/${service.slug}/gate`, token), ctx(service.slug));
    expect(def.status).toBe(200);
  });

  it("rejects a bad level (400) and an unknown service (404)", async () => {
    const token = await makeToken(prisma, ["read"]);
    const { service } = await bronzeService();
    const bad = await gateRoute(
      request(`/api/v1/services/${service.slug}/gate?level=platinum`, token),
      ctx(service.slug),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: "validation_failed", details: [{ path: "level" }] });
    expect((await gateRoute(request("/api/v1/services/nope/gate", token), ctx("nope"))).status).toBe(404);
  });
});

describe("daily snapshots", () => {
  it("keep one immutable row per service and team per day, however often the job runs", async () => {
    const { team, service } = await bronzeService();
    const now = new Date();
    const day = new Date(Math.floor(now.getTime() / DAY) * DAY);
    const first = await takeSnapshots(now);
    expect(first.created.services).toBeGreaterThan(0);
    const snap = await prisma.serviceSnapshot.findUniqueOrThrow({
      where: { serviceId_day: { serviceId: service.id, day } },
    });
    expect(snap.level).toBe("bronze");
    expect(snap.data).toMatchObject({
      scorecard: "production-readiness",
      rules: expect.arrayContaining([expect.objectContaining({ rule: "on-call", pass: true })]),
    });

    // The facts change the same day; a second run keeps the day's first snapshot as it was.
    await prisma.service.update({ where: { id: service.id }, data: { onCall: null } });
    await takeSnapshots(new Date(now.getTime() + 1000));
    const again = await prisma.serviceSnapshot.findMany({ where: { serviceId: service.id } });
    expect(again).toHaveLength(1);
    expect(again[0]).toEqual(snap);
    expect(await prisma.teamSnapshot.count({ where: { teamId: team.id } })).toBe(1);

    await expect(
      prisma.serviceSnapshot.update({ where: { serviceId_day: { serviceId: service.id, day } }, data: { score: 100 } }),
    ).rejects.toThrow(/immutable/);
    await expect(prisma.teamSnapshot.deleteMany({ where: { teamId: team.id } })).rejects.toThrow(/immutable/);
  });

  it("evaluates thousands of rules in a few queries: every service of the database at once", async () => {
    const ids = (await prisma.service.findMany({ where: { archivedAt: null }, select: { id: true } })).map((s) => s.id);
    const results = await evaluateServices(ids);
    expect(results.map((r) => r.service.id)).toEqual(ids);
    expect(results.every((r) => r.result.rules.length === 14)).toBe(true);
  });
});

describe("the services list's level filter", () => {
  it("pages through the services at the chosen live level", async () => {
    const { team, service: bronze } = await bronzeService();
    const bare = await makeService(prisma, team.id);
    const base = { team: team.slug, sort: "name" as const, dir: "asc" as const, page: 1, pageSize: 25 };
    expect((await listServices(SYSTEM_ACTOR, { ...base, level: "bronze" })).rows.map((r) => r.slug)).toEqual([
      bronze.slug,
    ]);
    expect((await listServices(SYSTEM_ACTOR, { ...base, level: "none" })).rows.map((r) => r.slug)).toEqual([bare.slug]);
    expect(await listServices(SYSTEM_ACTOR, { ...base, level: "gold" })).toMatchObject({ total: 0, rows: [] });
    expect((await listServices(SYSTEM_ACTOR, { ...base, level: "none", pageSize: 1, page: 2 })).rows).toEqual([]);
  });
});
