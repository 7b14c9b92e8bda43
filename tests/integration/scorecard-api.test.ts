// The scorecards and initiatives API, through the route handlers with real tokens: import YAML,
// read it back as JSON and YAML, replace a rule (an expression is checked as in the editor), delete
// one; create an initiative and read its progress. Refusals write nothing.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { ensureBuiltInScorecards } from "@/lib/scorecards/server/scorecard-admin";
import { ensureBuiltInTemplates } from "@/lib/readiness/server/templates";
import { makeService, makeTeam, makeToken, makeUser, uniq } from "../support/factories";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let cards: { GET: Handler; POST: Handler };
let card: { GET: Handler; PUT: Handler };
let exportRoute: { GET: Handler };
let rule: { PUT: Handler; DELETE: Handler };
let initiatives: { GET: Handler; POST: Handler };
let initiative: { GET: Handler };

beforeAll(async () => {
  await ensureBuiltInTemplates();
  await ensureBuiltInScorecards();
  cards = await import("@/app/api/v1/scorecards/route");
  card = await import("@/app/api/v1/scorecards/[key]/route");
  exportRoute = await import("@/app/api/v1/scorecards/[key]/export/route");
  rule = await import("@/app/api/v1/scorecards/[key]/rules/[rule]/route");
  initiatives = await import("@/app/api/v1/initiatives/route");
  initiative = await import("@/app/api/v1/initiatives/[id]/route");
});

function call(
  handler: Handler,
  token: string,
  params: Record<string, string> = {},
  init: { method?: string; json?: unknown; yaml?: string } = {},
) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  if (init.yaml !== undefined) headers["content-type"] = "application/yaml";
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.yaml;
  return handler(new NextRequest("http://localhost/api/v1/x", { method: init.method ?? "GET", headers, body }), {
    params: Promise.resolve(params),
  });
}

describe("scorecards API", () => {
  it("imports YAML, reads it back, edits and deletes rules; a reader cannot write", async () => {
    const admin = await makeToken(prisma, ["admin"]);
    const reader = await makeToken(prisma, ["read"]);
    const key = uniq("api-card");
    const yaml = `key: ${key}
name: API card
scope:
  tiers: [1]
rules:
  - { key: slos, name: Has an SLO, level: bronze, check: { type: slo_count } }
`;
    expect((await call(cards.POST, reader, {}, { method: "POST", yaml })).status).toBe(403);
    expect(await prisma.scorecard.count({ where: { key } })).toBe(0);
    const created = await call(cards.POST, admin, {}, { method: "POST", yaml });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ key, action: "created", rules: 1 });
    expect((await (await call(cards.POST, admin, {}, { method: "POST", yaml })).json()).action).toBe("unchanged");

    const read = await (await call(card.GET, reader, { key })).json();
    expect(read).toMatchObject({
      key,
      isDefault: false,
      scope: { tiers: [1] },
      rules: [{ key: "slos", level: "bronze" }],
    });
    expect((await (await call(cards.GET, reader)).json()).map((c: { key: string }) => c.key)).toContain(key);

    const bad = await call(
      rule.PUT,
      admin,
      { key, rule: "coverage" },
      {
        method: "PUT",
        json: {
          key: "coverage",
          name: "Coverage",
          level: "silver",
          check: { type: "expression", expression: "facts.coverage.line >=" },
        },
      },
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { details: [{ path: "check.expression", message: expect.stringMatching(/syntax error/) }] },
    });
    const saved = await call(
      rule.PUT,
      admin,
      { key, rule: "coverage" },
      {
        method: "PUT",
        json: {
          key: "coverage",
          name: "Coverage",
          level: "silver",
          check: { type: "expression", expression: "facts.coverage.line >= 80" },
        },
      },
    );
    expect(saved.status).toBe(200);
    const exported = await call(exportRoute.GET, reader, { key });
    expect(exported.headers.get("content-type")).toMatch(/application\/yaml/);
    expect(await exported.text()).toContain("expression: facts.coverage.line >= 80");

    expect((await call(rule.DELETE, admin, { key, rule: "slos" }, { method: "DELETE" })).status).toBe(204);
    expect((await call(rule.DELETE, admin, { key, rule: "slos" }, { method: "DELETE" })).status).toBe(404);
    const mismatch = await call(
      card.PUT,
      admin,
      { key },
      { method: "PUT", json: { key: "other", name: "X", rules: [] } },
    );
    expect(mismatch.status).toBe(400);
    expect((await call(card.GET, reader, { key: "no-such-card" })).status).toBe(404);
  });
});

describe("initiatives API", () => {
  it("creates an initiative from team slugs and an owner's email, and reports what each service misses", async () => {
    const admin = await makeToken(prisma, ["admin"]);
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const owner = await makeUser(prisma, { role: "platform" });
    const targetDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    // A reader learns nothing, not even whether the owner's email is a user: 403 first.
    const reader = await makeToken(prisma, ["read"]);
    const refused = await call(
      initiatives.POST,
      reader,
      {},
      {
        method: "POST",
        json: {
          name: "Runbooks",
          rules: ["runbook"],
          teams: ["no-such-team"],
          owner: "nobody@example.com",
          targetDate,
        },
      },
    );
    expect(refused.status).toBe(403);
    const unknown = await call(
      initiatives.POST,
      admin,
      {},
      {
        method: "POST",
        json: { name: "Runbooks", rules: ["runbook"], teams: ["no-such-team"], owner: owner.email, targetDate },
      },
    );
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { details: [{ path: "teams" }] } });

    const res = await call(
      initiatives.POST,
      admin,
      {},
      {
        method: "POST",
        json: { name: "Runbooks everywhere", rules: ["runbook"], teams: [team.slug], owner: owner.email, targetDate },
      },
    );
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({
      name: "Runbooks everywhere",
      rules: ["runbook"],
      teams: [team.slug],
      targetDate,
      progress: { done: 0, total: 1, complete: false, overdue: false },
      services: [{ service: svc.slug, done: false, missing: [expect.stringMatching(/runbook/i)] }],
    });
    const one = await (await call(initiative.GET, admin, { id: created.id })).json();
    expect(one.id).toBe(created.id);
    const list = await (await call(initiatives.GET, admin)).json();
    expect(list.find((i: { id: string }) => i.id === created.id)).toMatchObject({ progress: { total: 1 } });
  });
});
