import { expect, makeTeam, makeToken, test } from "./fixtures";
import { makeService, uniq } from "../support/factories";

test.describe("services and readiness API", () => {
  test("create, read, patch and archive a service", async ({ request, db }) => {
    const team = await makeTeam(db);
    const token = await makeToken(db, ["admin", "read"]);
    const headers = { authorization: `Bearer ${token}` };
    const slug = uniq("api-svc");
    const created = await request.post("/api/v1/services", {
      headers,
      data: {
        slug,
        name: "API Service",
        team: team.slug,
        tier: 1,
        lifecycle: "production",
        repoUrl: "https://github.com/acme/api-svc",
        onCall: "api-oncall",
      },
    });
    expect(created.status()).toBe(201);
    expect(await created.json()).toMatchObject({ slug, team: team.slug, tier: 1, type: "service", archived: false });

    const one = await request.get(`/api/v1/services/${slug}`, { headers });
    const body = await one.json();
    expect(body.readiness).toMatchObject({
      template: { key: "production-readiness" },
      percent: 0,
      requiredSatisfied: 0,
    });
    expect(body.readiness.requiredTotal).toBeGreaterThan(20);

    const patched = await request.patch(`/api/v1/services/${slug}`, {
      headers,
      data: { tier: 3, description: "Now described." },
    });
    expect(await patched.json()).toMatchObject({ tier: 3, description: "Now described." });
    const archived = await request.patch(`/api/v1/services/${slug}`, { headers, data: { archived: true } });
    expect((await archived.json()).archived).toBe(true);
    const list = await request.get(`/api/v1/services?team=${team.slug}`, { headers });
    expect(await list.json()).toEqual([]);
    expect(list.headers()["x-total-count"]).toBe("0");
    const withArchived = await request.get(`/api/v1/services?team=${team.slug}&archived=include`, { headers });
    expect((await withArchived.json()).map((s: { slug: string }) => s.slug)).toEqual([slug]);
  });

  test("invalid service input gets 400 with every bad field, and writes nothing", async ({ request, db }) => {
    const token = await makeToken(db, ["admin"]);
    const slug = uniq("bad-svc");
    const res = await request.post("/api/v1/services", {
      headers: { authorization: `Bearer ${token}` },
      data: { slug, name: "Bad", team: "no-such-team-xyz", tier: 7, lifecycle: "forever", runbookUrl: "not a url" },
    });
    expect(res.status()).toBe(400);
    const paths = (await res.json()).error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(["lifecycle", "runbookUrl", "tier"]);
    expect(await db.service.count({ where: { slug } })).toBe(0);
  });

  test("a team-bound token cannot create or change another team's service", async ({ request, db }) => {
    const mine = await makeTeam(db);
    const theirs = await makeTeam(db);
    const service = await makeService(db, theirs.id);
    const token = await makeToken(db, ["admin"], mine.id);
    const headers = { authorization: `Bearer ${token}` };
    const post = await request.post("/api/v1/services", {
      headers,
      data: { slug: uniq("x"), name: "X", team: theirs.slug, tier: 2, lifecycle: "production" },
    });
    expect(post.status()).toBe(403);
    const patch = await request.patch(`/api/v1/services/${service.slug}`, { headers, data: { name: "Hijacked" } });
    expect(patch.status()).toBe(403);
    expect((await db.service.findUniqueOrThrow({ where: { id: service.id } })).name).toBe(service.name);
  });

  test("checklist items update over the API with optimistic concurrency: a stale version gets 409", async ({
    request,
    db,
  }) => {
    const team = await makeTeam(db);
    const service = await makeService(db, team.id);
    const token = await makeToken(db, ["admin", "read"]);
    const headers = { authorization: `Bearer ${token}` };
    const checklist = await (await request.get(`/api/v1/services/${service.slug}/checklist`, { headers })).json();
    const itemRow = checklist.categories
      .flatMap((c: { items: Array<{ key: string; version: number }> }) => c.items)
      .find((i: { key: string }) => i.key === "tests-in-ci");
    expect(itemRow.version).toBe(0);
    const url = `/api/v1/services/${service.slug}/checklist/items/tests-in-ci`;
    const first = await request.patch(url, {
      headers,
      data: { status: "done", version: 0, evidenceUrl: "https://ci.example/run/1" },
    });
    expect(first.status()).toBe(200);
    expect(await first.json()).toMatchObject({ status: "done", version: 1 });
    const stale = await request.patch(url, { headers, data: { status: "open", version: 0 } });
    expect(stale.status()).toBe(409);
    expect((await stale.json()).error).toMatchObject({ code: "conflict", message: expect.stringContaining("reload") });
    const bad = await request.patch(url, { headers, data: { status: "waived", version: 1 } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe("status");
  });

  test("templates export as YAML and import through the API", async ({ request, db }) => {
    const token = await makeToken(db, ["admin", "read"]);
    const headers = { authorization: `Bearer ${token}` };
    const exported = await request.get("/api/v1/templates/production-readiness", { headers });
    expect(exported.headers()["content-type"]).toContain("application/yaml");
    const yaml = await exported.text();
    expect(yaml).toContain("key: production-readiness");
    const same = await request.post("/api/v1/templates", {
      headers: { ...headers, "content-type": "application/yaml" },
      data: yaml,
    });
    expect(same.status()).toBe(200);
    expect((await same.json()).action).toBe("unchanged");
    const list = await (await request.get("/api/v1/templates", { headers })).json();
    expect(list.map((t: { key: string }) => t.key)).toEqual(
      expect.arrayContaining(["production-readiness", "data-pipeline-readiness", "ml-model-readiness"]),
    );
  });

  test("the catalog import endpoint takes YAML and answers with the report", async ({ request, db }) => {
    const token = await makeToken(db, ["admin"]);
    const name = uniq("cat");
    const res = await request.post("/api/v1/catalog/import", {
      headers: { authorization: `Bearer ${token}`, "content-type": "application/yaml" },
      data: `kind: Group\nmetadata: { name: ${name} }\n---\nkind: System\nmetadata: { name: sys }\n---\nkind: Group\nmetadata: {}`,
    });
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ created: 1, updated: 0, skipped: 1 });
    expect(body.errors).toEqual([{ index: 2, message: expect.stringContaining("metadata.name") }]);
    const wrongType = await request.post("/api/v1/catalog/import", {
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      data: {},
    });
    expect(wrongType.status()).toBe(415);
  });
});
