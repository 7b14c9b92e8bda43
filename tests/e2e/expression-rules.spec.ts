// Open scorecards end to end: a platform user writes an expression rule, tries it on a service with
// the preview, and saves it; the service's engineer sees the reason on their Scorecard tab and fixes
// it by having CI post the fact.
import type { Page } from "@playwright/test";
import { DEMO_USERS } from "@/lib/access/domain/demo-users";
import { expect, makeTeam, makeToken, makeUser, shot, test } from "./fixtures";

test("an expression rule: written with the preview, failing with its reason, fixed by a fact", async ({
  browser,
  db,
  signIn,
}) => {
  const team = await db.team.findUniqueOrThrow({ where: { slug: "payments" } });
  const svc = await db.service.findFirstOrThrow({
    where: { teamId: team.id, archivedAt: null, facts: { none: {} } },
    orderBy: { slug: "asc" },
  });
  // An additional scorecard, so the default one (and every other spec's levels) stay as they are.
  const key = `standards-${Date.now().toString(36)}`;
  await db.scorecard.create({
    data: {
      key,
      name: "Engineering standards",
      rules: {
        create: [
          {
            key: "owner",
            name: "Has an owner team",
            level: "bronze",
            position: 0,
            check: { type: "catalog_field", field: "team" },
          },
        ],
      },
    },
  });

  const platform: Page = await (await browser.newContext()).newPage();
  await signIn(platform, DEMO_USERS[0].email, DEMO_USERS[0].password);
  await platform.goto(`/settings/scorecards/${key}`);
  const form = platform.getByRole("form", { name: "New rule" });
  await form.getByLabel("Name").fill("Line coverage at least 80%");
  await form.getByLabel("Key").fill("coverage-80");
  await form.getByLabel("Level").selectOption("silver");
  await form.getByLabel("Check").selectOption("expression");

  // A mistake is caught before saving, with where it is.
  const expression = form.getByLabel("Expression (CEL)");
  await expression.fill("facts.coverage.line >=");
  await form.getByLabel("Test against a service").fill(svc.slug);
  await form.getByRole("button", { name: "Test", exact: true }).click();
  await expect(form.getByRole("alert").filter({ hasText: /syntax error/ })).toBeVisible();

  // The field picker inserts at the cursor; the preview runs on the service's live document.
  await expression.fill("");
  await form.getByText(/Insert a field/).click();
  await form.getByRole("button", { name: "catalog.tier", exact: true }).click();
  await expect(expression).toHaveValue("catalog.tier");
  await expression.fill("facts.coverage.line >= 80");
  await form.getByRole("button", { name: "Test", exact: true }).click();
  const preview = form.getByTestId("expression-preview");
  await expect(preview).toContainText(`Fails on ${svc.slug}: no fact \`coverage\``);
  await expect(preview.getByRole("row", { name: /facts\.coverage\.line/ })).toContainText("missing");
  await platform.screenshot(shot("expression-rule-editor"));
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form.getByText(/Rule "Line coverage at least 80%" saved/)).toBeVisible();
  await expect(platform.locator('[data-rule="coverage-80"]')).toContainText("Expression: facts.coverage.line >= 80");

  // The engineer sees why on their service, and CI fixes it.
  const engineer: Page = await (await browser.newContext()).newPage();
  await signIn(engineer, DEMO_USERS[1].email, DEMO_USERS[1].password);
  await engineer.goto(`/services/${svc.slug}/scorecard`);
  const card = engineer
    .getByRole("region", { name: "silver rules" })
    .filter({ has: engineer.locator('[data-rule="coverage-80"]') });
  const rule = card.locator('[data-rule="coverage-80"]');
  await expect(rule).toHaveAttribute("data-pass", "false");
  await expect(rule).toContainText("no fact `coverage`");
  await expect(rule.getByRole("link", { name: "See the service's facts" })).toHaveAttribute(
    "href",
    `/services/${svc.slug}/facts`,
  );

  const token = await makeToken(db, ["ingest"], team.id);
  const put = (line: number) =>
    engineer.request.put(`/api/v1/services/${svc.slug}/facts/coverage`, {
      headers: { authorization: `Bearer ${token}` },
      data: { line },
    });
  expect((await put(72)).status()).toBe(201);
  await engineer.reload();
  await expect(rule).toContainText("facts.coverage.line is 72; needs ≥ 80");
  expect((await put(86.5)).status()).toBe(200);
  await engineer.reload();
  await expect(rule).toHaveAttribute("data-pass", "true");
  await expect(rule).toContainText("facts.coverage.line is 86.5");
  await engineer.screenshot(shot("expression-rule-service"));
});

test("a scorecard's scope, set in its settings, decides which services it judges", async ({ page, db, signIn }) => {
  await signIn(page, DEMO_USERS[0].email, DEMO_USERS[0].password);
  const key = `scoped-${Date.now().toString(36)}`;
  await db.scorecard.create({
    data: {
      key,
      name: "Data pipelines baseline",
      rules: {
        create: [
          {
            key: "owner",
            name: "Has an owner team",
            level: "bronze",
            position: 0,
            check: { type: "catalog_field", field: "team" },
          },
        ],
      },
    },
  });
  const service = await db.service.findFirstOrThrow({
    where: { archivedAt: null, type: "service", lifecycle: "production" },
    orderBy: { slug: "asc" },
  });
  await page.goto(`/settings/scorecards/${key}`);
  await expect(page.getByTestId("scorecard-scope")).toHaveText("Applies to: every service");
  const settings = page.locator("form").filter({ has: page.getByRole("button", { name: "Save settings" }) });
  await settings.getByRole("checkbox", { name: "data-pipeline" }).check();
  await settings.getByLabel("Tags").fill("pci!");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText(/must be "key" or "key:value"/)).toBeVisible();
  await settings.getByLabel("Tags").fill("");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText("Scorecard saved.")).toBeVisible();
  await expect(page.getByTestId("scorecard-scope")).toHaveText("Applies to: data-pipeline");
  await page.screenshot(shot("scorecard-scope"));

  // A service of another type is not judged by it: no additional card on its Scorecard tab.
  await page.goto(`/services/${service.slug}/scorecard`);
  await expect(page.getByText("Production readiness").first()).toBeVisible();
  await expect(page.getByText("Data pipelines baseline")).toHaveCount(0);
  const scorecard = (await db.scorecard.findUniqueOrThrow({ where: { key } })).scope;
  expect(scorecard).toEqual({ types: ["data-pipeline"] });
});

test("an engineer asks for a rule exemption; the platform team rejects one with a reason and approves another", async ({
  browser,
  db,
  signIn,
}) => {
  // A team of its own, so the demo teams' counts that other specs check stay as they are.
  const suffix = Date.now().toString(36);
  const team = await makeTeam(db, { slug: `sandbox-${suffix}`, name: `Sandbox ${suffix}` });
  const svc = await db.service.create({
    data: { slug: `exempt-${suffix}`, name: "Exempt Demo", teamId: team.id, tier: 3, lifecycle: "experimental" },
  });
  const user = await makeUser(db, { role: "engineer", teamIds: [team.id], password: "sandbox-password-1" });
  const engineer: Page = await (await browser.newContext()).newPage();
  await signIn(engineer, user.email, "sandbox-password-1");
  await engineer.goto(`/services/${svc.slug}/scorecard`);
  await engineer.getByText("Request an exemption from a failing rule").click();
  const form = engineer.getByRole("form", { name: "Request a rule exemption" });
  await form.getByLabel("Rule").selectOption({ label: "Runbook linked" });
  await form.getByLabel("Justification").fill("The runbook moves to the new wiki this month");
  await form.getByRole("button", { name: "Request exemption" }).click();
  await expect(form.getByText(/Exemption from "Runbook linked" requested/)).toBeVisible();

  const platform: Page = await (await browser.newContext()).newPage();
  await signIn(platform, DEMO_USERS[0].email, DEMO_USERS[0].password);
  await platform.goto("/waivers?status=pending");
  const exemptions = platform.getByRole("region", { name: "Rule exemptions" });
  const row = exemptions.getByRole("row").filter({ hasText: "Exempt Demo" });
  await expect(row).toContainText("Runbook linked");
  await platform.screenshot(shot("waivers-exemptions"));
  await row.getByRole("button", { name: /Approve exemption/ }).click();
  // Decided, it leaves the pending list and shows among the active ones.
  await expect(row).toHaveCount(0);
  await platform.goto("/waivers?status=active");
  await expect(exemptions.getByRole("row").filter({ hasText: "Exempt Demo" })).toContainText("active");

  await engineer.goto(`/services/${svc.slug}/scorecard`);
  const rule = engineer.locator('[data-rule="runbook"]').first();
  await expect(rule).toHaveAttribute("data-pass", "true");
  await expect(rule).toContainText(/exempt until \d{4}-\d\d-\d\d/);

  // A second request, rejected: the reason is asked for before anything is sent.
  await engineer.getByText("Request an exemption from a failing rule").click();
  await form.getByLabel("Rule").selectOption({ label: "On-call rotation set" });
  await form.getByLabel("Justification").fill("The rotation starts when the service leaves beta");
  await form.getByRole("button", { name: "Request exemption" }).click();
  await expect(form.getByText(/requested/)).toBeVisible();
  await platform.goto("/waivers?status=pending");
  const second = exemptions
    .getByRole("row")
    .filter({ hasText: "On-call rotation set" })
    .filter({ hasText: "Exempt Demo" });
  await second.getByRole("button", { name: /Reject exemption/ }).click();
  await second.getByLabel(/Reason for rejecting/).fill("Set up the rotation before launch instead");
  await second.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(second).toHaveCount(0);
  await platform.goto("/waivers?status=rejected");
  await expect(exemptions.getByRole("row").filter({ hasText: "Exempt Demo" })).toContainText(
    "Decision: Set up the rotation before launch instead",
  );
  const stored = await db.ruleExemption.findMany({ where: { serviceId: svc.id }, orderBy: { createdAt: "asc" } });
  expect(stored.map((e) => [e.ruleKey, e.status, e.decisionNote])).toEqual([
    ["runbook", "approved", null],
    ["on-call", "rejected", "Set up the rotation before launch instead"],
  ]);
});
