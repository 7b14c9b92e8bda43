// Custom facts and tags, through the real route handlers with real API tokens: a fact's history, a
// team-bound token confined to its team (403, nothing written), the all-or-nothing batch, the 64 KiB
// limit, the tag filter on the services list, and tags from a Backstage catalog.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { importBackstageCatalog, listServices, updateService, ZServiceListQuery } from "@/lib/catalog/server";
import { makeService, makeTeam, makeToken, uniq } from "../support/factories";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let factRoute: { GET: Handler; PUT: Handler; DELETE: Handler };
let listRoute: { GET: Handler };
let batchRoute: { POST: Handler };

beforeAll(async () => {
  factRoute = await import("@/app/api/v1/services/[slug]/facts/[key]/route");
  listRoute = await import("@/app/api/v1/services/[slug]/facts/route");
  batchRoute = await import("@/app/api/v1/facts/route");
});

function call(
  handler: Handler,
  token: string,
  params: Record<string, string>,
  init: { method?: string; body?: string; contentType?: string } = {},
) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (init.contentType !== undefined) headers["content-type"] = init.contentType;
  return handler(
    new NextRequest("http://localhost/api/v1/x", { method: init.method ?? "GET", headers, body: init.body }),
    { params: Promise.resolve(params) },
  );
}

const put = (token: string, service: string, key: string, body: string, contentType = "application/json") =>
  call(factRoute.PUT, token, { slug: service, key }, { method: "PUT", body, contentType });

describe("custom facts", () => {
  it("keep a history of changed values, with who wrote them, and refresh reportedAt on a repeat", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const token = await makeToken(prisma, ["ingest", "read"], team.id);
    const tokenRow = await prisma.apiToken.findFirstOrThrow({ where: { teamId: team.id } });

    const first = await put(token, svc.slug, "coverage", JSON.stringify({ line: 72, branch: 60 }));
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ key: "coverage", value: { line: 72, branch: 60 }, changed: true });

    const second = await put(token, svc.slug, "coverage", JSON.stringify({ line: 81.5, branch: 70 }));
    expect(second.status).toBe(200);
    const changedAt = (await second.json()).updatedAt;
    // The same value again (keys in another order): a fresh report, not a new revision.
    const repeat = await put(token, svc.slug, "coverage", JSON.stringify({ branch: 70, line: 81.5 }));
    expect(repeat.status).toBe(200);
    const repeated = await repeat.json();
    expect(repeated.changed).toBe(false);

    const read = await call(factRoute.GET, token, { slug: svc.slug, key: "coverage" });
    expect(read.status).toBe(200);
    const fact = await read.json();
    expect(fact.value).toEqual({ line: 81.5, branch: 70 });
    expect(fact.reportedBy).toBe(`token:${tokenRow.name}`);
    expect(fact.revisionCount).toBe(2);
    expect(fact.history.map((h: { value: unknown }) => h.value)).toEqual([
      { line: 81.5, branch: 70 },
      { line: 72, branch: 60 },
    ]);
    // The repeat moved reportedAt only: updatedAt is still the second write's.
    expect(fact.updatedAt).toBe(changedAt);
    expect(fact.reportedAt).toBe(repeated.reportedAt);
    expect(repeated.updatedAt).toBe(changedAt);
    const revision = await prisma.serviceFactRevision.findFirstOrThrow({ where: { serviceId: svc.id } });
    expect(revision.tokenId).toBe(tokenRow.id);

    // Any JSON value: a number, a string, an array, null.
    for (const [key, value] of [
      ["vulns", [{ severity: "high", count: 2 }]],
      ["baseImageAgeDays", 41],
      ["owner", "alice"],
      ["flag", null],
    ] as const)
      expect((await put(token, svc.slug, key, JSON.stringify(value), "text/plain")).status).toBe(201);
    const list = await (await call(listRoute.GET, token, { slug: svc.slug })).json();
    expect(list.facts.map((f: { key: string; value: unknown }) => [f.key, f.value])).toEqual([
      ["baseImageAgeDays", 41],
      ["coverage", { line: 81.5, branch: 70 }],
      ["flag", null],
      ["owner", "alice"],
      ["vulns", [{ severity: "high", count: 2 }]],
    ]);

    const removed = await call(factRoute.DELETE, token, { slug: svc.slug, key: "owner" }, { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect((await call(factRoute.GET, token, { slug: svc.slug, key: "owner" })).status).toBe(404);
    const last = await prisma.serviceFactRevision.findFirstOrThrow({
      where: { serviceId: svc.id, key: "owner" },
      orderBy: { id: "desc" },
    });
    expect(last.deleted).toBe(true);
  });

  it("let a team-bound token write only its own team's facts: 403, and nothing written", async () => {
    const mine = await makeTeam(prisma);
    const theirs = await makeTeam(prisma);
    const own = await makeService(prisma, mine.id);
    const other = await makeService(prisma, theirs.id);
    const token = await makeToken(prisma, ["ingest"], mine.id);

    const refused = await put(token, other.slug, "coverage", '{"line": 99}');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "forbidden" } });
    expect(await prisma.serviceFact.count({ where: { serviceId: other.id } })).toBe(0);
    expect(await prisma.serviceFactRevision.count({ where: { serviceId: other.id } })).toBe(0);

    // The batch form: one foreign service refuses the whole batch.
    const batch = await call(
      batchRoute.POST,
      token,
      {},
      {
        method: "POST",
        contentType: "application/json",
        body: JSON.stringify({
          facts: [
            { service: own.slug, key: "coverage", value: { line: 80 } },
            { service: other.slug, key: "coverage", value: { line: 80 } },
          ],
        }),
      },
    );
    expect(batch.status).toBe(403);
    expect(await prisma.serviceFact.count({ where: { serviceId: { in: [own.id, other.id] } } })).toBe(0);

    // Reading stays open to a read token; a read-only token cannot write.
    const reader = await makeToken(prisma, ["read"], null);
    expect((await put(reader, own.slug, "coverage", "1")).status).toBe(403);
  });

  it("write a batch for many services all or nothing, and name what is wrong", async () => {
    const team = await makeTeam(prisma);
    const a = await makeService(prisma, team.id);
    const b = await makeService(prisma, team.id);
    const token = await makeToken(prisma, ["ingest"], null);
    const post = (facts: unknown[]) =>
      call(
        batchRoute.POST,
        token,
        {},
        { method: "POST", contentType: "application/json", body: JSON.stringify({ facts }) },
      );

    const missing = await post([
      { service: a.slug, key: "coverage", value: 80 },
      { service: "no-such-service", key: "coverage", value: 80 },
    ]);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      error: { code: "validation_failed", details: [{ path: "facts.1.service" }] },
    });
    expect(await prisma.serviceFact.count({ where: { serviceId: a.id } })).toBe(0);

    const badKey = await post([{ service: a.slug, key: "1bad key", value: 1 }]);
    expect(badKey.status).toBe(400);
    expect((await badKey.json()).error.details[0].path).toBe("facts.0.key");

    const ok = await post([
      { service: a.slug, key: "coverage", value: { line: 80 } },
      { service: b.slug, key: "coverage", value: { line: 65 } },
      { service: b.slug, key: "vulns", value: { critical: 0, high: 3 } },
    ]);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const again = await post([
      { service: a.slug, key: "coverage", value: { line: 80 } },
      { service: b.slug, key: "coverage", value: { line: 66 } },
    ]);
    expect(await again.json()).toEqual({ created: 0, updated: 1, unchanged: 1 });
    expect(await prisma.serviceFactRevision.count({ where: { serviceId: { in: [a.id, b.id] } } })).toBe(4);
  });

  it("refuse a value over 64 KiB with 413, bad JSON with 400 and a bad key with 400, writing nothing", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const token = await makeToken(prisma, ["ingest"], team.id);
    const big = JSON.stringify({ blob: "x".repeat(64 * 1024) });
    const tooBig = await put(token, svc.slug, "scan", big);
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ error: { code: "payload_too_large" } });
    const justFits = JSON.stringify({ blob: "x".repeat(64 * 1024 - 20) });
    expect((await put(token, svc.slug, "scan", justFits)).status).toBe(201);

    expect((await put(token, svc.slug, "coverage", "{line: 80}")).status).toBe(400);
    expect((await put(token, svc.slug, "coverage", "")).status).toBe(400);
    // Text PostgreSQL's jsonb cannot hold: a NUL, a lone surrogate.
    expect((await put(token, svc.slug, "coverage", '{"a": "\\u0000"}')).status).toBe(400);
    expect((await put(token, svc.slug, "coverage", '["\\ud800"]')).status).toBe(400);
    expect((await put(token, svc.slug, "bad key!", "1")).status).toBe(400);
    expect((await put(token, "no-such-service", "coverage", "1")).status).toBe(404);
    expect(await prisma.serviceFact.count({ where: { serviceId: svc.id } })).toBe(1);
  });
});

describe("tags", () => {
  it("are set through the API's schema, compared as values, and filter the services list", async () => {
    const team = await makeTeam(prisma);
    const go = await makeService(prisma, team.id);
    const java = await makeService(prisma, team.id);
    await updateService(go.slug, { tags: { language: "go", pci: "" } }, SYSTEM_ACTOR);
    await updateService(java.slug, { tags: { language: "java" } }, SYSTEM_ACTOR);
    // The same tags in another order change nothing (and audit nothing).
    expect(await updateService(go.slug, { tags: { pci: "", language: "go" } }, SYSTEM_ACTOR)).toMatchObject({
      changed: false,
    });

    const list = async (tag: string) =>
      (await listServices(SYSTEM_ACTOR, ZServiceListQuery.parse({ team: team.slug, tag }))).rows.map((r) => r.slug);
    expect(await list("language")).toEqual(expect.arrayContaining([go.slug, java.slug]));
    expect(await list("language:go")).toEqual([go.slug]);
    expect(await list("pci")).toEqual([go.slug]);
    expect(await list("language=java")).toEqual([java.slug]);
    expect(await list("team:none")).toEqual([]);
  });

  it("come from a Backstage catalog's metadata.tags (no value) and metadata.labels", async () => {
    const team = await makeTeam(prisma);
    const name = uniq("tagged");
    const doc = (extra: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
${extra}
spec:
  type: service
  lifecycle: production
  owner: group:default/${team.slug}
`;
    const first = await importBackstageCatalog(
      doc(`  tags: [java, pci]
  labels:
    backstage.io/custom: "yes"
    cost-center: "cc-42"`),
      SYSTEM_ACTOR,
    );
    expect(first).toMatchObject({ created: 1, errors: [] });
    const svc = await prisma.service.findUniqueOrThrow({ where: { slug: name } });
    expect(svc.tags).toEqual({ java: "", pci: "", "backstage.io/custom": "yes", "cost-center": "cc-42" });
    // The same entity again is unchanged; a changed label updates.
    expect(
      await importBackstageCatalog(
        doc(`  tags: [java, pci]
  labels:
    backstage.io/custom: "yes"
    cost-center: "cc-42"`),
        SYSTEM_ACTOR,
      ),
    ).toMatchObject({ updated: 0, skipped: 1 });
    expect(await importBackstageCatalog(doc(`  tags: [java]`), SYSTEM_ACTOR)).toMatchObject({ updated: 1 });
    expect((await prisma.service.findUniqueOrThrow({ where: { slug: name } })).tags).toEqual({ java: "" });
    // A tag that is not a label-like key fails that entity with a reason, not the import.
    const bad = await importBackstageCatalog(doc(`  tags: ["has space"]`), SYSTEM_ACTOR);
    expect(bad.errors[0].message).toMatch(/tags/);
  });
});
