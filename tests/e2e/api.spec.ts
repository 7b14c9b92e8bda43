import { expect, makeToken, test } from "./fixtures";
import { makeTeam, uniq } from "../support/factories";
import { hashToken } from "@/lib/access/server/token-secrets";

test.describe("API basics", () => {
  test("GET /api/health answers ok", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  test("GET /api/v1/teams with a read token lists the teams", async ({ request, db }) => {
    const team = await makeTeam(db);
    const token = await makeToken(db, ["read"]);
    const res = await request.get("/api/v1/teams", { headers: { authorization: `Bearer ${token}` } });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as Array<{ slug: string; name: string; serviceCount: number }>;
    expect(body).toContainEqual(expect.objectContaining({ slug: team.slug, name: team.name, serviceCount: 0 }));
    expect(body.find((t) => t.slug === "payments")?.serviceCount).toBeGreaterThan(0);
  });

  test("without credentials, or with a bad token, it answers 401 in the error shape", async ({ request }) => {
    const variants: Array<Record<string, string>> = [
      {},
      { authorization: "Bearer ssp_nope" },
      { authorization: "Basic abc" },
    ];
    for (const headers of variants) {
      const res = await request.get("/api/v1/teams", { headers });
      expect(res.status()).toBe(401);
      const body = await res.json();
      expect(body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    }
  });

  test("a token without the read scope gets 403", async ({ request, db }) => {
    const token = await makeToken(db, ["ingest"]);
    const res = await request.get("/api/v1/teams", { headers: { authorization: `Bearer ${token}` } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
  });

  test("POST /api/v1/teams creates a team with an admin token, and a duplicate gets 409", async ({ request, db }) => {
    const token = await makeToken(db, ["admin"]);
    const slug = uniq("api-team");
    const headers = { authorization: `Bearer ${token}` };
    const created = await request.post("/api/v1/teams", { headers, data: { slug, name: "API Team" } });
    expect(created.status()).toBe(201);
    expect(await created.json()).toMatchObject({ slug, name: "API Team", serviceCount: 0 });
    expect(await db.auditLog.count({ where: { action: "team.create", data: { path: ["slug"], equals: slug } } })).toBe(
      1,
    );
    const again = await request.post("/api/v1/teams", { headers, data: { slug, name: "Again" } });
    expect(again.status()).toBe(409);
    expect((await again.json()).error.code).toBe("conflict");
  });

  test("a bad body gets 400 with details[], and nothing is written", async ({ request, db }) => {
    const token = await makeToken(db, ["admin"]);
    // Other specs write teams and audit entries meanwhile: what this request could have written is
    // a team by that slug and an audit entry by this token.
    const { id: tokenId } = await db.apiToken.findUniqueOrThrow({
      where: { tokenHash: hashToken(token) },
      select: { id: true },
    });
    const res = await request.post("/api/v1/teams", {
      headers: { authorization: `Bearer ${token}` },
      data: { slug: "Not OK!", name: "" },
    });
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.message).toBe("2 fields are invalid");
    expect(body.error.details).toEqual(
      expect.arrayContaining([
        { path: "slug", message: expect.stringContaining("lower-case") },
        { path: "name", message: "is required" },
      ]),
    );
    expect(await db.team.count({ where: { slug: "Not OK!" } })).toBe(0);
    expect(await db.auditLog.count({ where: { actorId: tokenId } })).toBe(0);
  });

  test("malformed JSON gets bad_json, a wrong content type 415, a body over 1 MiB 413", async ({ request, db }) => {
    const token = await makeToken(db, ["admin"]);
    const auth = { authorization: `Bearer ${token}` };
    const bad = await request.post("/api/v1/teams", {
      headers: { ...auth, "content-type": "application/json" },
      data: Buffer.from("{not json"),
    });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.code).toBe("bad_json");
    const wrongType = await request.post("/api/v1/teams", {
      headers: { ...auth, "content-type": "text/plain" },
      data: "slug=x",
    });
    expect(wrongType.status()).toBe(415);
    expect((await wrongType.json()).error.code).toBe("unsupported_media_type");
    const huge = JSON.stringify({ slug: uniq("huge"), name: "x".repeat(1024 * 1024) });
    const tooBig = await request.post("/api/v1/teams", {
      headers: { ...auth, "content-type": "application/json" },
      data: huge,
    });
    expect(tooBig.status()).toBe(413);
    expect((await tooBig.json()).error.code).toBe("payload_too_large");
  });

  test("a platform user's session works for the API; an engineer's cannot create teams", async ({
    page,
    db,
    signIn,
  }) => {
    const { makeUser } = await import("../support/factories");
    const engineer = await makeUser(db, { role: "engineer" });
    await signIn(page, engineer.email, engineer.password);
    expect((await page.request.get("/api/v1/teams")).status()).toBe(200);
    const slug = uniq("eng-team");
    const res = await page.request.post("/api/v1/teams", { data: { slug, name: "Nope" } });
    expect(res.status()).toBe(403);
    expect(await db.team.count({ where: { slug } })).toBe(0);
  });

  test("unknown API paths answer 404 in the error shape", async ({ request }) => {
    const res = await request.get("/api/v1/does-not-exist");
    expect(res.status()).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
  });

  test("the OpenAPI document is served and describes the teams endpoints from their schemas", async ({ request }) => {
    const res = await request.get("/api/v1/openapi.json");
    expect(res.status()).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/health", "/api/v1/teams"]));
    const body = doc.paths["/api/v1/teams"].post.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["slug", "name"]));
    expect(body.properties.slug.pattern).toBeTruthy();
  });
});
