// Real answers against the OpenAPI document (Ajv, JSON Schema 2020-12): every call below goes
// through the route handler with a real token, and its status and body must be what the document
// says for that operation. A handler that drifts from its documented schema fails here.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { ensureBuiltInScorecards } from "@/lib/scorecards/server/scorecard-admin";
import { ensureBuiltInTemplates } from "@/lib/readiness/server/templates";
import { makeService, makeTeam, makeToken, makeUser, uniq } from "../support/factories";
import { call, checked, route } from "../support/openapi-check";

beforeAll(async () => {
  await ensureBuiltInTemplates();
  await ensureBuiltInScorecards();
});

describe("real answers match the OpenAPI document", () => {
  it("for services, facts, DORA, SLOs, scorecards, the gate, exemptions, scorecards and initiatives", async () => {
    const admin = await makeToken(prisma, ["admin"]);
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id, { tier: 1 });
    const owner = await makeUser(prisma, { role: "platform" });
    await prisma.slo.create({ data: { serviceId: svc.id, name: "availability", objective: 99.9, windowDays: 30 } });
    const slug = svc.slug;

    const services = await route("services");
    const service = await route("services/[slug]");
    await call(services.GET, { method: "GET", path: `/api/v1/services?team=${team.slug}` }, admin);
    const created = await call(
      services.POST,
      {
        method: "POST",
        path: "/api/v1/services",
        json: {
          slug: uniq("oa"),
          name: "OpenAPI check",
          team: team.slug,
          tier: 2,
          lifecycle: "production",
          tags: { pci: "" },
        },
      },
      admin,
    );
    expect(created.status).toBe(201);
    await call(service.GET, { method: "GET", path: `/api/v1/services/${slug}`, params: { slug } }, admin);
    await call(
      service.PATCH,
      { method: "PATCH", path: `/api/v1/services/${slug}`, params: { slug }, json: { onCall: "payments-primary" } },
      admin,
    );

    const fact = await route("services/[slug]/facts/[key]");
    await call(
      fact.PUT,
      {
        method: "PUT",
        path: `/api/v1/services/${slug}/facts/coverage`,
        params: { slug, key: "coverage" },
        json: { line: 72 },
      },
      admin,
    );
    await call(
      fact.PUT,
      {
        method: "PUT",
        path: `/api/v1/services/${slug}/facts/coverage`,
        params: { slug, key: "coverage" },
        json: { line: 85 },
      },
      admin,
    );
    await call(
      fact.GET,
      { method: "GET", path: `/api/v1/services/${slug}/facts/coverage`, params: { slug, key: "coverage" } },
      admin,
    );
    await call(
      (await route("services/[slug]/facts")).GET,
      { method: "GET", path: `/api/v1/services/${slug}/facts`, params: { slug } },
      admin,
    );
    await call(
      (await route("facts")).POST,
      {
        method: "POST",
        path: "/api/v1/facts",
        json: { facts: [{ service: slug, key: "vulns", value: { critical: 0 } }] },
      },
      admin,
    );
    await call(
      fact.GET,
      { method: "GET", path: `/api/v1/services/${slug}/facts/nope`, params: { slug, key: "nope" } },
      admin,
    );

    await call(
      (await route("services/[slug]/dora")).GET,
      { method: "GET", path: `/api/v1/services/${slug}/dora`, params: { slug } },
      admin,
    );
    await call(
      (await route("teams/[slug]/dora")).GET,
      { method: "GET", path: `/api/v1/teams/${team.slug}/dora`, params: { slug: team.slug } },
      admin,
    );
    await call(
      (await route("services/[slug]/slos")).GET,
      { method: "GET", path: `/api/v1/services/${slug}/slos`, params: { slug } },
      admin,
    );
    await call(
      (await route("services/[slug]/scorecard")).GET,
      { method: "GET", path: `/api/v1/services/${slug}/scorecard`, params: { slug } },
      admin,
    );
    await call(
      (await route("teams/[slug]/scorecard")).GET,
      { method: "GET", path: `/api/v1/teams/${team.slug}/scorecard`, params: { slug: team.slug } },
      admin,
    );
    const gate = await call(
      (await route("services/[slug]/gate")).GET,
      { method: "GET", path: `/api/v1/services/${slug}/gate?level=gold`, params: { slug } },
      admin,
    );
    expect(gate.status).toBe(412);
    await call((await route("waivers")).GET, { method: "GET", path: "/api/v1/waivers" }, admin);

    const user = await makeUser(prisma, { role: "engineer", teamIds: [team.id] });
    await prisma.ruleExemption.create({
      data: {
        serviceId: svc.id,
        scorecardId: (await prisma.scorecard.findFirstOrThrow({ where: { isDefault: true } })).id,
        ruleKey: "runbook",
        justification: "Moving to the new wiki",
        expiresAt: new Date(Date.now() + 5 * 86_400_000),
        requestedById: user.id,
        requestedBy: user.email,
      },
    });
    const list = await call(
      (await route("exemptions")).GET,
      { method: "GET", path: "/api/v1/exemptions?status=pending" },
      admin,
    );
    const pending = (list.body as Array<{ id: string; service: string }>).find((e) => e.service === slug)!;
    await call(
      (await route("exemptions/[id]/decision")).POST,
      {
        method: "POST",
        path: `/api/v1/exemptions/${pending.id}/decision`,
        params: { id: pending.id },
        json: { decision: "approve" },
      },
      admin,
    );
    await call(
      (await route("services/[slug]/exemptions")).GET,
      { method: "GET", path: `/api/v1/services/${slug}/exemptions`, params: { slug } },
      admin,
    );

    const cards = await route("scorecards");
    await call(cards.GET, { method: "GET", path: "/api/v1/scorecards" }, admin);
    const key = uniq("oa-card");
    await call(
      cards.POST,
      {
        method: "POST",
        path: "/api/v1/scorecards",
        yaml: `key: ${key}\nname: OA\nrules:\n  - { key: slos, name: Has an SLO, level: bronze, check: { type: slo_count } }\n`,
      },
      admin,
    );
    await call(
      (await route("scorecards/[key]")).GET,
      { method: "GET", path: `/api/v1/scorecards/${key}`, params: { key } },
      admin,
    );
    const initiative = await call(
      (await route("initiatives")).POST,
      {
        method: "POST",
        path: "/api/v1/initiatives",
        json: {
          name: "Coverage",
          rules: ["runbook"],
          teams: [team.slug],
          owner: owner.email,
          targetDate: "2027-03-31",
        },
      },
      admin,
    );
    const id = (initiative.body as { id: string }).id;
    await call(
      (await route("initiatives/[id]")).GET,
      { method: "GET", path: `/api/v1/initiatives/${id}`, params: { id } },
      admin,
    );
    await call((await route("initiatives")).GET, { method: "GET", path: "/api/v1/initiatives" }, admin);

    // Each of these was checked against a documented body schema.
    expect(checked.size).toBeGreaterThanOrEqual(25);
  });

  it("for the checklist, waivers, reviews, deployments, incidents, SLOs and SLI samples", async () => {
    const admin = await makeToken(prisma, ["admin"]);
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id, { tier: 1 });
    const slug = svc.slug;
    const engineer = await makeUser(prisma, { role: "engineer", teamIds: [team.id] });
    const checklist = await call(
      (await route("services/[slug]/checklist")).GET,
      { method: "GET", path: `/api/v1/services/${slug}/checklist`, params: { slug } },
      admin,
    );
    const item = (checklist.body as { categories: Array<{ items: Array<{ key: string }> }> }).categories[0].items[0]
      .key;
    await call(
      (await route("services/[slug]/checklist/items/[key]")).PATCH,
      {
        method: "PATCH",
        path: `/api/v1/services/${slug}/checklist/items/${item}`,
        params: { slug, key: item },
        json: { status: "done", version: 0, evidenceUrl: "https://wiki.example.com/runbook" },
      },
      admin,
    );
    const waiver = await prisma.waiver.create({
      data: {
        serviceId: svc.id,
        itemKey: item,
        justification: "Covered elsewhere",
        expiresAt: new Date(Date.now() + 5 * 86_400_000),
        requestedById: engineer.id,
      },
    });
    await call(
      (await route("waivers/[id]/decision")).POST,
      {
        method: "POST",
        path: `/api/v1/waivers/${waiver.id}/decision`,
        params: { id: waiver.id },
        json: { decision: "reject", note: "No" },
      },
      admin,
    );
    const review = await prisma.review.create({ data: { serviceId: svc.id, requestedById: engineer.id } });
    await call(
      (await route("reviews/[id]/comments")).POST,
      {
        method: "POST",
        path: `/api/v1/reviews/${review.id}/comments`,
        params: { id: review.id },
        json: { body: "Looks good" },
      },
      admin,
    );
    await call(
      (await route("reviews/[id]/decision")).POST,
      {
        method: "POST",
        path: `/api/v1/reviews/${review.id}/decision`,
        params: { id: review.id },
        json: { decision: "approve" },
      },
      admin,
    );
    const now = new Date().toISOString();
    await call(
      (await route("deployments")).POST,
      {
        method: "POST",
        path: "/api/v1/deployments",
        json: { externalId: uniq("d"), service: slug, environment: "production", status: "success", finishedAt: now },
      },
      admin,
    );
    await call(
      (await route("incidents")).POST,
      {
        method: "POST",
        path: "/api/v1/incidents",
        json: { externalId: uniq("i"), service: slug, title: "Checkout errors", startedAt: now },
      },
      admin,
    );
    const slo = await call(
      (await route("slos")).POST,
      { method: "POST", path: "/api/v1/slos", json: { service: slug, name: "availability", objective: 99.9 } },
      admin,
    );
    const sloId = (slo.body as { id: string }).id;
    await call(
      (await route("slos/[id]")).PATCH,
      { method: "PATCH", path: `/api/v1/slos/${sloId}`, params: { id: sloId }, json: { objective: 99.5 } },
      admin,
    );
    const start = new Date(Math.floor(Date.now() / 300_000) * 300_000 - 600_000).toISOString();
    await call(
      (await route("sli")).POST,
      {
        method: "POST",
        path: "/api/v1/sli",
        json: { service: slug, slo: "availability", samples: [{ start, good: 99, total: 100 }] },
      },
      admin,
    );
    await call(
      (await route("services/[slug]/reviews")).GET,
      { method: "GET", path: `/api/v1/services/${slug}/reviews`, params: { slug } },
      admin,
    );
    expect(checked.size).toBeGreaterThanOrEqual(37);
  });
});
