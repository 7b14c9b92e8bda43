// The scheduled catalog sync against a Backstage catalog API served from a loopback HTTP server,
// with entities in the shape Backstage's GET /api/catalog/entities returns them: the first run
// creates teams and services; a later one moves a service whose owner changed (audited), archives
// one whose entity is gone (history kept), and reports a conflict; an unreadable or empty catalog
// changes nothing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { syncCatalog } from "@/lib/catalog/server/catalog-sync";
import { uniq } from "../support/factories";
import { freePort } from "../support/prometheus";

let entities: unknown[] = [];
let yamlFile = "";
let requests: Array<{ url: string; authorization: string | undefined }> = [];
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? "", authorization: req.headers.authorization });
    if (req.url === "/acme/catalog-info.yaml") {
      res.writeHead(200, { "content-type": "text/yaml" }).end(yamlFile);
      return;
    }
    if (!req.url?.startsWith("/api/catalog/entities")) {
      res.writeHead(404).end();
      return;
    }
    // Backstage pages by limit and offset (entities in a stable order).
    const query = new URL(req.url, "http://x").searchParams;
    const limit = query.has("limit") ? Number(query.get("limit")) : entities.length;
    const offset = Number(query.get("offset") ?? 0);
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify(entities.slice(offset, offset + limit)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const group = (name: string, displayName: string) => ({
  apiVersion: "backstage.io/v1alpha1",
  kind: "Group",
  metadata: {
    namespace: "default",
    name,
    uid: `uid-${name}`,
    etag: "etag-1",
    annotations: { "backstage.io/managed-by-location": "url:https://github.com/acme/org/blob/main/org.yaml" },
  },
  spec: { type: "team", profile: { displayName }, children: [] },
  relations: [],
});
const component = (name: string, owner: string, extra: { tier?: string; repo?: string } = {}) => ({
  apiVersion: "backstage.io/v1alpha1",
  kind: "Component",
  metadata: {
    namespace: "default",
    name,
    title: name.toUpperCase(),
    description: `The ${name} service`,
    uid: `uid-${name}`,
    etag: "etag-1",
    annotations: {
      "backstage.io/managed-by-location": `url:https://github.com/acme/${name}/blob/main/catalog-info.yaml`,
      ...(extra.repo ? { "github.com/project-slug": extra.repo } : {}),
    },
    labels: { tier: extra.tier ?? "2" },
  },
  spec: { type: "service", lifecycle: "production", owner: `group:default/${owner}`, system: "checkout" },
  relations: [
    {
      type: "ownedBy",
      targetRef: `group:default/${owner}`,
      target: { kind: "group", namespace: "default", name: owner },
    },
  ],
});

describe("catalog sync from Backstage", () => {
  it("creates, moves, archives and reports conflicts, and never deletes", async () => {
    const t1 = uniq("team");
    const t2 = uniq("team");
    const [a, b, c] = [uniq("svc"), uniq("svc"), uniq("svc")];
    const source = { url: base, token: "backstage-static-token" };
    entities = [
      group(t1, "Payments team"),
      group(t2, "Checkout team"),
      component(a, t1, { tier: "1" }),
      component(b, t1),
      component(c, t2),
    ];
    requests = [];
    const first = await syncCatalog(SYSTEM_ACTOR, source);
    expect(first).toMatchObject({ created: 5, updated: 0, archived: 0, problems: [], error: null });
    expect(requests[0]).toEqual({
      url: "/api/catalog/entities?filter=kind=component&filter=kind=group&limit=500&offset=0",
      authorization: "Bearer backstage-static-token",
    });
    const svcA = await prisma.service.findUniqueOrThrow({ where: { slug: a }, include: { team: true } });
    expect(svcA).toMatchObject({ tier: 1, name: a.toUpperCase(), catalogSource: base, archivedAt: null });
    expect(svcA.team.slug).toBe(t1);
    // A deployment of c: archiving must keep it.
    const svcC = await prisma.service.findUniqueOrThrow({ where: { slug: c } });
    await prisma.deployment.create({
      data: {
        serviceId: svcC.id,
        externalId: "d1",
        environment: "production",
        status: "success",
        finishedAt: new Date(),
      },
    });

    // b now belongs to t2; c is gone; a hand-made service elsewhere is not this sync's to touch.
    const other = uniq("svc");
    await prisma.service.create({
      data: {
        slug: other,
        name: "Other",
        teamId: svcA.teamId,
        tier: 3,
        lifecycle: "production",
        catalogSource: "https://another.example.com",
      },
    });
    entities = [
      group(t1, "Payments team"),
      group(t2, "Checkout team"),
      component(a, t1, { tier: "1" }),
      component(b, t2),
      component(other, t1),
    ];
    const second = await syncCatalog(SYSTEM_ACTOR, source);
    expect(second).toMatchObject({ created: 0, updated: 1, archived: 1, unchanged: 3, error: null });
    expect(second.problems).toEqual([
      {
        entity: `Component ${other}`,
        message: "is managed by another catalog sync (https://another.example.com); not changed",
      },
    ]);
    const moved = await prisma.service.findUniqueOrThrow({ where: { slug: b }, include: { team: true } });
    expect(moved.team.slug).toBe(t2);
    expect(await prisma.auditLog.count({ where: { serviceId: moved.id, action: "service.update" } })).toBe(1);
    const archived = await prisma.service.findUniqueOrThrow({ where: { slug: c } });
    expect(archived.archivedAt).not.toBeNull();
    expect(await prisma.deployment.count({ where: { serviceId: svcC.id } })).toBe(1);

    // c comes back to the catalog: it is unarchived.
    entities = [...entities, component(c, t2)];
    const third = await syncCatalog(SYSTEM_ACTOR, source);
    expect(third.archived).toBe(0);
    expect((await prisma.service.findUniqueOrThrow({ where: { slug: c } })).archivedAt).toBeNull();
  });

  it("reads a large catalog a page at a time", async () => {
    const t = uniq("team");
    const names = Array.from({ length: 4 }, () => uniq("svc"));
    entities = [group(t, "Paged team"), ...names.map((n) => component(n, t))];
    requests = [];
    const result = await syncCatalog(SYSTEM_ACTOR, { url: base, token: null, pageSize: 2 });
    expect(result).toMatchObject({ created: 5, problems: [], error: null });
    expect(requests.map((r) => new URL(r.url, "http://x").searchParams.get("offset"))).toEqual(["0", "2", "4"]);
    expect(await prisma.service.count({ where: { slug: { in: names } } })).toBe(4);
  });

  it("changes nothing when the catalog cannot be read or lists no components", async () => {
    const s = uniq("svc");
    const t = uniq("team");
    const source = { url: base, token: null };
    entities = [group(t, "T"), component(s, t)];
    expect((await syncCatalog(SYSTEM_ACTOR, source)).created).toBe(2);
    entities = [];
    const empty = await syncCatalog(SYSTEM_ACTOR, source);
    expect(empty.error).toMatch(/lists no components; nothing was changed/);
    const closed = `http://127.0.0.1:${await freePort()}`;
    const refused = await syncCatalog(SYSTEM_ACTOR, { url: closed, token: null });
    expect(refused.error).toBe(
      `cannot reach ${closed}/api/catalog/entities?filter=kind=component&filter=kind=group&limit=500&offset=0 (ECONNREFUSED); nothing was changed`,
    );
    expect((await prisma.service.findUniqueOrThrow({ where: { slug: s } })).archivedAt).toBeNull();
  });

  it("reads catalog-info.yaml files by URL just as well", async () => {
    const t = uniq("team");
    const svc = uniq("svc");
    yamlFile = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${t}
spec:
  type: team
  profile: { displayName: Yaml team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${svc}
  annotations:
    github.com/project-slug: acme/${svc}
spec:
  type: service
  lifecycle: production
  owner: ${t}
`;
    const run = await syncCatalog(SYSTEM_ACTOR, { url: `${base}/acme/catalog-info.yaml`, token: null });
    expect(run).toMatchObject({ created: 2, problems: [], error: null });
    expect(await prisma.service.findUniqueOrThrow({ where: { slug: svc } })).toMatchObject({
      repoSlug: `github.com/acme/${svc}`,
      catalogSource: `${base}/acme/catalog-info.yaml`,
    });
  });
});
