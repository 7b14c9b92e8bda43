import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { importBackstageCatalog } from "@/lib/catalog/server/import-catalog";
import { getServiceChecklist } from "@/lib/readiness/server/checklists";
import { ensureBuiltInTemplates } from "@/lib/readiness/server/templates";
import { CLI_ACTOR, SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { uniq } from "../support/factories";

function catalog(team: string, svc: string, pipeline: string) {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${svc}
  title: Orders API
  description: Takes orders.
  annotations:
    shipshape.dev/tier: "1"
    backstage.io/source-location: url:https://github.com/acme/${svc}/tree/main/
    pagerduty.com/service-id: P${svc.slice(-6).toUpperCase()}
  links:
    - url: https://runbooks.acme.example/${svc}
      title: Runbook
    - url: https://grafana.acme.example/d/${svc}
      title: Grafana dashboard
spec:
  type: service
  lifecycle: production
  owner: group:default/${team}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${team}
spec:
  type: team
  profile:
    displayName: Orders Team
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${pipeline}
  labels:
    tier: tier-2
  annotations:
    github.com/project-slug: acme/${pipeline}
spec:
  type: data-pipeline
  lifecycle: experimental
  owner: ${team}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: Broken_Name
spec:
  lifecycle: production
  owner: ${team}
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: orders-api-spec
spec: {}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${svc}-worker
  annotations:
    shipshape.dev/tier: "7"
spec:
  lifecycle: production
  owner: ${team}
`;
}

describe("Backstage catalog import", () => {
  beforeAll(() => ensureBuiltInTemplates());

  it("maps Groups to teams and Components to services, reports bad documents by index, and imports the rest", async () => {
    const team = uniq("orders");
    const svc = uniq("orders-api");
    const pipeline = uniq("orders-etl");
    const result = await importBackstageCatalog(catalog(team, svc, pipeline), CLI_ACTOR);
    expect(result).toMatchObject({ created: 3, updated: 0, skipped: 1 });
    expect(result.errors.map((e) => e.index)).toEqual([3, 5]);
    expect(result.errors[0].message).toMatch(/slug/);
    expect(result.errors[1].message).toMatch(/tier "7" must be 1, 2 or 3/);

    expect(await prisma.team.findUniqueOrThrow({ where: { slug: team } })).toMatchObject({ name: "Orders Team" });
    const service = await prisma.service.findUniqueOrThrow({ where: { slug: svc }, include: { team: true } });
    expect(service).toMatchObject({
      name: "Orders API",
      tier: 1,
      lifecycle: "production",
      type: "service",
      repoUrl: `https://github.com/acme/${svc}`,
      repoSlug: `github.com/acme/${svc}`,
      runbookUrl: `https://runbooks.acme.example/${svc}`,
      dashboardUrl: `https://grafana.acme.example/d/${svc}`,
      description: "Takes orders.",
    });
    expect(service.team.slug).toBe(team);
    const etl = await prisma.service.findUniqueOrThrow({ where: { slug: pipeline } });
    expect(etl).toMatchObject({
      tier: 2,
      lifecycle: "experimental",
      type: "data_pipeline",
      repoUrl: `https://github.com/acme/${pipeline}`,
    });
    expect((await getServiceChecklist(SYSTEM_ACTOR, etl.id))?.template.key).toBe("data-pipeline-readiness");
  });

  it("changes nothing when the same file is imported again, and updates what changed", async () => {
    const team = uniq("orders");
    const svc = uniq("orders-api");
    const pipeline = uniq("orders-etl");
    const text = catalog(team, svc, pipeline);
    await importBackstageCatalog(text, CLI_ACTOR);
    const auditBefore = await prisma.auditLog.count();
    const again = await importBackstageCatalog(text, CLI_ACTOR);
    expect(again).toMatchObject({ created: 0, updated: 0, skipped: 4 });
    expect(await prisma.auditLog.count()).toBe(auditBefore);

    const edited = await importBackstageCatalog(text.replace("title: Orders API", "title: Orders API v2"), CLI_ACTOR);
    expect(edited).toMatchObject({ created: 0, updated: 1 });
    expect((await prisma.service.findUniqueOrThrow({ where: { slug: svc } })).name).toBe("Orders API v2");
  });

  it("reads a monorepo's components: each its paths and labels in one shared repository", async () => {
    const team = uniq("mono");
    const repo = uniq("mono");
    const component = (name: string, paths: string, labels: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    backstage.io/source-location: url:https://github.com/acme/${repo}/tree/main/${paths.split(",")[0].trim()}
    shipshape.dev/repo-paths: "${paths}"
    shipshape.dev/repo-labels: "${labels}"
spec:
  type: service
  lifecycle: production
  owner: ${team}
`;
    const a = uniq("pay");
    const b = uniq("search");
    const text = [
      `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${team}\nspec:\n  type: team\n`,
      component(a, "services/payments, libs/payments/", "area/payments"),
      component(b, "services/search/", "area/search"),
    ].join("---\n");
    expect(await importBackstageCatalog(text, CLI_ACTOR)).toMatchObject({ created: 3, errors: [] });
    const stored = await prisma.service.findMany({
      where: { slug: { in: [a, b] } },
      orderBy: { slug: "asc" },
      select: { slug: true, repoSlug: true, repoPaths: true, repoLabels: true },
    });
    expect(stored).toEqual(
      [
        {
          slug: a,
          repoSlug: `github.com/acme/${repo}`,
          repoPaths: ["services/payments/", "libs/payments/"],
          repoLabels: ["area/payments"],
        },
        { slug: b, repoSlug: `github.com/acme/${repo}`, repoPaths: ["services/search/"], repoLabels: ["area/search"] },
      ].sort((x, y) => x.slug.localeCompare(y.slug)),
    );
    expect(await importBackstageCatalog(text, CLI_ACTOR), "the same file again").toMatchObject({
      created: 0,
      updated: 0,
    });
    const moved = await importBackstageCatalog(text.replaceAll("services/search/", "apps/search/"), CLI_ACTOR);
    expect(moved).toMatchObject({ updated: 1 });
    expect((await prisma.service.findUniqueOrThrow({ where: { slug: b } })).repoPaths).toEqual(["apps/search/"]);
  });

  it("reports a component whose owner team does not exist, and invalid YAML", async () => {
    const result = await importBackstageCatalog(
      `kind: Component\nmetadata: { name: ${uniq("lonely")} }\nspec: { lifecycle: production, owner: ${uniq("nobody")} }\n---\nkind: [oops`,
      CLI_ACTOR,
    );
    expect(result.created).toBe(0);
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatchObject({
      index: 0,
      message: expect.stringMatching(/team .*does not exist|no team/),
    });
    expect(result.errors[1]).toMatchObject({ index: 1, message: expect.stringMatching(/invalid YAML/) });
  });
});
