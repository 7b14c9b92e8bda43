import type { PrismaClient } from "@/generated/prisma/client";
import { expect, makeTeam, makeToken, makeUser, shot, test } from "./fixtures";
import { makeService, uniq } from "../support/factories";

/** A tier-3 service that passes bronze and every silver rule but `except` (checklist item keys left open, or "slo"). */
async function nearlySilver(db: PrismaClient, teamId: string, except: { item?: boolean; slo?: boolean }) {
  const service = await makeService(db, teamId, { tier: 3 });
  await db.service.update({
    where: { id: service.id },
    data: { onCall: "team-pager", runbookUrl: "https://runbooks.example/svc" },
  });
  const template = await db.checklistTemplate.findFirstOrThrow({
    where: { key: "production-readiness" },
    orderBy: { version: "desc" },
  });
  await db.serviceChecklist.create({ data: { serviceId: service.id, templateId: template.id } });
  const required = await db.checklistItem.findMany({
    where: { templateId: template.id, requiredForTiers: { has: 3 } },
    orderBy: { position: "asc" },
    include: { category: true },
  });
  const last = required.filter((i) => i.category.key !== "ownership").at(-1)!;
  const done = except.item ? required.filter((i) => i.key !== last.key) : required;
  await db.checklistItemState.createMany({
    data: done.map((i) => ({ serviceId: service.id, itemKey: i.key, status: "done" as const, version: 1 })),
  });
  if (!except.slo)
    await db.slo.create({ data: { serviceId: service.id, name: "availability", objective: 99.9, windowDays: 30 } });
  await db.deployment.create({
    data: {
      serviceId: service.id,
      externalId: uniq("dep"),
      environment: "production",
      status: "success",
      finishedAt: new Date(Date.now() - 86_400_000),
    },
  });
  return { service, last };
}

test("an engineer fixes the last required item and sees the service move from bronze to silver", async ({
  page,
  db,
  signIn,
}) => {
  const team = await makeTeam(db);
  const { service, last } = await nearlySilver(db, team.id, { item: true });
  const engineer = await makeUser(db, { role: "engineer", teamIds: [team.id] });
  await signIn(page, engineer.email, engineer.password);

  await page.goto(`/services/${service.slug}/scorecard`);
  await expect(page.getByTestId("service-level")).toHaveAttribute("data-level", "bronze");
  await expect(page.getByRole("heading", { name: "To reach Silver" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Rules to fix for the next level" })).toContainText(last.title);

  await page.getByRole("link", { name: "Readiness" }).click();
  await page.getByRole("checkbox", { name: `${last.title}: mark as done` }).click();
  await expect(page.getByRole("checkbox", { name: `${last.title}: mark as open` })).toBeVisible();

  await page.getByRole("link", { name: "Scorecard", exact: true }).click();
  await expect(page.getByTestId("service-level")).toHaveAttribute("data-level", "silver");
  await expect(page.getByRole("heading", { name: "To reach Gold" })).toBeVisible();
});

test("the team scorecard shows its trend charts from the seeded history, with the period in the URL", async ({
  page,
  db,
  signIn,
}) => {
  const platform = await makeUser(db, { role: "platform" });
  await signIn(page, platform.email, platform.password);
  await page.goto("/teams/payments/scorecard");
  await expect(page.getByTestId("team-score-change")).toContainText("since last quarter");
  const score = page.locator("figure").filter({ hasText: /Score per day/ });
  await expect(score.locator(".recharts-line-curve")).toHaveCount(1);
  await expect(score.locator("figcaption")).toContainText(/over (8[5-9]|9\d) days/);
  await expect(
    page
      .locator("figure")
      .filter({ hasText: /Services per level on/ })
      .locator(".recharts-area"),
  ).toHaveCount(4);
  await expect(page.getByRole("list", { name: "Failing rules" }).getByRole("listitem").first()).toBeVisible();
  await page.screenshot(shot("team-scorecard"));

  await page.getByRole("navigation", { name: "Trend period" }).getByRole("link", { name: "180d" }).click();
  await expect(page).toHaveURL(/period=180d/);
  await expect(page.getByTestId("team-score-change")).toContainText("since six months ago");
});

test("a platform user edits a rule and sees the service's level change", async ({ page, db, signIn }) => {
  const team = await makeTeam(db);
  const { service } = await nearlySilver(db, team.id, { slo: true });
  const platform = await makeUser(db, { role: "platform" });
  await signIn(page, platform.email, platform.password);
  await page.goto(`/services/${service.slug}/scorecard`);
  await expect(page.getByTestId("service-level")).toHaveAttribute("data-level", "bronze");

  try {
    await page.goto("/settings/scorecards/production-readiness");
    const rule = page.locator("li[data-rule=slo-defined]");
    await rule.getByText("Edit rule").click();
    const form = rule.getByRole("form", { name: "Edit rule At least one SLO" });
    await form.getByLabel("Level").selectOption("gold");
    await form.getByRole("button", { name: "Save rule" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: /Rule “At least one SLO” saved. It is now a gold rule/ }),
    ).toBeVisible();
    await expect(page.getByRole("region", { name: "gold rules" }).locator("li[data-rule=slo-defined]")).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0)); // the saved rule's anchor scrolled the page; a full-page shot wants the top
    await page.screenshot(shot("scorecard-rules"));

    await page.goto(`/services/${service.slug}/scorecard`);
    await expect(page.getByTestId("service-level")).toHaveAttribute("data-level", "silver");
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "scorecard.rule.update", actorLabel: platform.email },
    });
    expect(audit.data).toMatchObject({ rule: "slo-defined", after: { level: "gold" } });
  } finally {
    const card = await db.scorecard.findUniqueOrThrow({ where: { key: "production-readiness" } });
    await db.scorecardRule.update({
      where: { scorecardId_key: { scorecardId: card.id, key: "slo-defined" } },
      data: { level: "silver" },
    });
  }
});

test("the organisation page ranks every team with a sparkline, and an initiative shows its burn-up", async ({
  page,
  db,
  signIn,
}) => {
  const leader = await makeUser(db, { role: "leadership" });
  await signIn(page, leader.email, leader.password);
  // Other tests add teams while this one runs: the page lists every team that had live services
  // when it rendered, so its row count lies between the counts taken before and after.
  const liveTeams = () => db.team.count({ where: { services: { some: { archivedAt: null } } } });
  const before = await liveTeams();
  await page.goto("/scorecards");
  const rows = page.getByRole("table", { name: "Teams ranked by score" }).locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const shown = await rows.count();
  expect(shown).toBeGreaterThanOrEqual(before);
  expect(shown).toBeLessThanOrEqual(await liveTeams());
  // Each team's trend is drawn on the server: a line, and words for screen readers.
  await expect(rows.first().locator("figure svg path[data-line]")).toHaveCount(1);
  await expect(rows.first().locator("figure figcaption")).toContainText(/score trend: score from \d+/);
  const scores = await rows.locator("td:nth-child(3)").allInnerTexts();
  expect(scores.map(Number)).toEqual([...scores.map(Number)].sort((a, b) => b - a));
  await page.screenshot(shot("org-scorecards"));

  const initiative = await db.initiative.findFirstOrThrow({
    where: { name: "Tier-1 payments and checkout to Silver" },
  });
  await page.goto("/initiatives");
  await expect(
    page.getByRole("row", { name: /Runbooks and on-call everywhere/ }).getByText("overdue", { exact: true }),
  ).toBeVisible();
  await page.getByRole("link", { name: initiative.name }).click();
  await expect(page.getByTestId("initiative-progress")).toHaveText(/^\d+\/13$/);
  await expect(
    page
      .locator("figure")
      .filter({ hasText: /services meet the target/ })
      .locator(".recharts-area"),
  ).toHaveCount(1);
  await expect(page.getByRole("table", { name: "Services still failing" })).toBeVisible();
  await page.screenshot(shot("initiative"));
});

test("scorecard and gate API: JSON for services and teams, 412 with failing rules, 401 without a token", async ({
  request,
  db,
}) => {
  const token = await makeToken(db, ["read"]);
  const headers = { authorization: `Bearer ${token}` };
  const svc = await request.get("/api/v1/services/search-api/scorecard", { headers });
  expect(svc.status()).toBe(200);
  const body = await svc.json();
  expect(body).toMatchObject({
    service: "search-api",
    scorecard: "production-readiness",
    level: expect.stringMatching(/^(none|bronze|silver|gold)$/),
  });
  expect(body.rules).toHaveLength(14);
  expect(body.rules[0]).toEqual({
    rule: expect.any(String),
    name: expect.any(String),
    level: "bronze",
    weight: 1,
    pass: expect.any(Boolean),
    message: expect.any(String),
  });

  const team = await request.get("/api/v1/teams/payments/scorecard", { headers });
  expect(team.status()).toBe(200);
  expect(await team.json()).toMatchObject({
    team: "payments",
    score: expect.any(Number),
    levels: expect.objectContaining({ gold: expect.any(Number) }),
  });

  const gate = await request.get("/api/v1/services/legacy-sso/gate?level=gold", { headers });
  expect(gate.status()).toBe(412);
  expect(await gate.json()).toMatchObject({
    pass: false,
    failing: expect.arrayContaining([expect.objectContaining({ rule: "on-call" })]),
  });
  expect((await request.get("/api/v1/services/legacy-sso/gate")).status()).toBe(401);
  expect((await request.get("/api/v1/services/no-such-service/gate", { headers })).status()).toBe(404);
});
