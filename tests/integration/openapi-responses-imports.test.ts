// Real answers of the import, template, SLO-source and config-as-code operations against the OpenAPI
// document (see ../support/openapi-check.ts): statuses, JSON bodies and the YAML answers.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { ensureBuiltInScorecards } from "@/lib/scorecards/server/scorecard-admin";
import { ensureBuiltInTemplates } from "@/lib/readiness/server/templates";
import { makeService, makeTeam, makeToken, uniq } from "../support/factories";
import { call, checked, route } from "../support/openapi-check";

beforeAll(async () => {
  await ensureBuiltInTemplates();
  await ensureBuiltInScorecards();
});

describe("real answers match the OpenAPI document", () => {
  it("for templates, imports, SLO sources and scorecards as code", async () => {
    const admin = await makeToken(prisma, ["admin"]);
    const ingest = await makeToken(prisma, ["ingest"]);
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const slug = svc.slug;

    const templates = await route("templates");
    await call(templates.GET, { method: "GET", path: "/api/v1/templates" }, admin);
    const key = uniq("tpl");
    const templateYaml = fs
      .readFileSync(path.join("prisma", "seed", "templates", "production-readiness.yaml"), "utf8")
      .replace(/^key: .*$/m, `key: ${key}`);
    const first = await call(templates.POST, { method: "POST", path: "/api/v1/templates", yaml: templateYaml }, admin);
    const again = await call(templates.POST, { method: "POST", path: "/api/v1/templates", yaml: templateYaml }, admin);
    expect([first.status, again.status]).toEqual([201, 200]);
    const exported = await call(
      (await route("templates/[key]")).GET,
      { method: "GET", path: `/api/v1/templates/${key}`, params: { key } },
      admin,
    );
    expect(exported.body).toContain(`key: ${key}`);

    const sloImport = await call(
      (await route("slos/import")).POST,
      {
        method: "POST",
        path: "/api/v1/slos/import",
        yaml: `version: "prometheus/v1"\nservice: "${slug}"\nslos:\n  - name: "latency"\n    objective: 99.5\n`,
      },
      ingest,
    );
    expect(sloImport).toMatchObject({ status: 200, body: { created: 1, errors: [] } });
    const slo = await prisma.slo.findFirstOrThrow({ where: { serviceId: svc.id, name: "latency" } });
    const source = await route("slos/[id]/source");
    const at = { path: `/api/v1/slos/${slo.id}/source`, params: { id: slo.id } };
    await call(
      source.PUT,
      {
        method: "PUT",
        ...at,
        json: {
          url: "http://127.0.0.1:9/",
          errorQuery: "sum(rate(e[{{.window}}]))",
          totalQuery: "sum(rate(t[{{.window}}]))",
        },
      },
      admin,
    );
    await call(source.GET, { method: "GET", ...at }, admin);
    // Nothing listens on port 9: the pull answers 200 with the error the source gave.
    const pulled = await call(
      (await route("slos/[id]/source/pull")).POST,
      { method: "POST", path: `/api/v1/slos/${slo.id}/source/pull`, params: { id: slo.id } },
      admin,
    );
    expect(pulled.body).toMatchObject({ ok: false });

    const catalog = await call(
      (await route("catalog/import")).POST,
      {
        method: "POST",
        path: "/api/v1/catalog/import",
        yaml: `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${uniq("cat")}\nspec:\n  type: service\n  owner: group:${team.slug}\n  lifecycle: production\n---\nkind: Nonsense\n`,
      },
      admin,
    );
    expect(catalog.body).toMatchObject({ created: 1 });
    // No CATALOG_SYNC_URL in the tests: the documented 409.
    expect(
      (await call((await route("catalog/sync")).POST, { method: "POST", path: "/api/v1/catalog/sync" }, admin)).status,
    ).toBe(409);

    const finishedAt = new Date().toISOString();
    const deployments = await route("deployments/import");
    const csv = `externalId,service,environment,status,finishedAt\n${uniq("d")},${slug},production,success,${finishedAt}\n`;
    const imported = await call(
      deployments.POST,
      { method: "POST", path: "/api/v1/deployments/import", text: { type: "text/csv", body: csv } },
      ingest,
    );
    expect(imported).toMatchObject({ status: 201, body: { created: 1 } });
    const refused = await call(
      deployments.POST,
      {
        method: "POST",
        path: "/api/v1/deployments/import",
        text: { type: "text/csv", body: `${csv}${uniq("d")},no-such-service,production,success,${finishedAt}\n` },
      },
      ingest,
    );
    expect(refused).toMatchObject({ status: 400, body: { error: { details: [{ path: "line 3" }] } } });
    await call(
      (await route("incidents/import")).POST,
      {
        method: "POST",
        path: "/api/v1/incidents/import",
        text: {
          type: "text/csv",
          body: `externalId,service,title,startedAt\n${uniq("i")},${slug},Outage,${finishedAt}\n`,
        },
      },
      ingest,
    );

    const yaml = await call(
      (await route("scorecards/[key]/export")).GET,
      {
        method: "GET",
        path: "/api/v1/scorecards/production-readiness/export",
        params: { key: "production-readiness" },
      },
      admin,
    );
    const plan = await call(
      (await route("scorecards/apply")).POST,
      {
        method: "POST",
        path: "/api/v1/scorecards/apply",
        json: { files: [{ name: "production-readiness.yaml", text: yaml.body }], dryRun: true },
      },
      admin,
    );
    // Other tests' scorecards are kept ("keep"): only this one is planned.
    expect(plan.body).toMatchObject({ dryRun: true });
    expect((plan.body as { steps: unknown[] }).steps).toContainEqual({
      action: "unchanged",
      key: "production-readiness",
    });

    for (const op of [
      "GET /api/v1/templates 200",
      "POST /api/v1/templates 201",
      "POST /api/v1/templates 200",
      "GET /api/v1/templates/{key} 200",
      "POST /api/v1/slos/import 200",
      "PUT /api/v1/slos/{id}/source 200",
      "GET /api/v1/slos/{id}/source 200",
      "POST /api/v1/slos/{id}/source/pull 200",
      "POST /api/v1/catalog/import 200",
      "POST /api/v1/catalog/sync 409",
      "POST /api/v1/deployments/import 201",
      "POST /api/v1/deployments/import 400",
      "POST /api/v1/incidents/import 201",
      "GET /api/v1/scorecards/{key}/export 200",
      "POST /api/v1/scorecards/apply 200",
    ])
      expect(checked).toContain(op);
  });
});
