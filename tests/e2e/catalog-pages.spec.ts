import { DEMO_USERS } from "@/lib/access/domain/demo-users";
import { expect, shot, test } from "./fixtures";

test.beforeEach(async ({ page, signIn }) => {
  await signIn(page, DEMO_USERS[1].email, DEMO_USERS[1].password);
});

test("the teams page lists every team with its service count, and exports CSV", async ({ page, db }) => {
  await page.goto("/teams");
  await expect(page.getByRole("heading", { name: "Teams" })).toBeVisible();
  const payments = await db.team.findUniqueOrThrow({
    where: { slug: "payments" },
    include: { _count: { select: { services: { where: { archivedAt: null } } } } },
  });
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Payments", exact: true }) });
  await expect(row.getByRole("cell").nth(1)).toHaveText(String(payments._count.services));
  await page.screenshot(shot("teams"));

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString("utf8");
  expect(text.split("\n")[0]).toBe("slug,name,services,members,description");
  expect(text).toContain(`payments,Payments,${payments._count.services},`);
});

test("the services table searches, filters, sorts and paginates", async ({ page, db }) => {
  await page.goto("/services");
  await expect(page.getByRole("heading", { name: "Services" })).toBeVisible();
  const total = await db.service.count({ where: { archivedAt: null } });
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText(`of ${total}`);
  await page.screenshot(shot("services"));

  await page.getByLabel("Search services").fill("ledger");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=ledger/);
  await expect(page.getByRole("link", { name: "Ledger", exact: true })).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(1);

  await page.goto("/services?tier=1&sort=name&dir=desc");
  const tier1 = await db.service.findMany({
    where: { tier: 1, archivedAt: null },
    orderBy: { name: "desc" },
    take: 25,
    select: { name: true },
  });
  const names = await page.locator("tbody tr td:first-child a").allInnerTexts();
  expect(names).toEqual(tier1.map((s) => s.name));

  await page.goto("/services?q=zz-no-such-service-zz");
  await expect(page.getByText("No services match these filters")).toBeVisible();
});

test("the services filters apply as they change, show as chips, and clear", async ({ page, db }) => {
  await page.goto("/services");
  // A choice applies at once, with no button pressed.
  await page.getByLabel("Tier", { exact: true }).selectOption("1");
  await expect(page).toHaveURL(/[?&]tier=1(&|$)/);
  const tier1 = await db.service.count({ where: { tier: 1, archivedAt: null } });
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText(`of ${tier1}`);
  // Typing applies after a pause.
  await page.getByLabel("Search services").fill("ledger");
  await expect(page).toHaveURL(/q=ledger/);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  const chips = page.getByRole("group", { name: "Active filters" });
  await expect(chips.getByRole("link", { name: /remove this filter/ })).toHaveText([/^“ledger”/, /^Tier 1/]);
  await page.screenshot(shot("services-filtered"));

  await chips.getByRole("link", { name: "Tier 1 (remove this filter)" }).click();
  await expect(page).not.toHaveURL(/tier=/);
  await expect(page.getByLabel("Tier", { exact: true })).toHaveValue("");
  await expect(page).toHaveURL(/q=ledger/);
  await chips.getByRole("link", { name: "“ledger” (remove this filter)" }).click();
  await expect(page).toHaveURL(/\/services$/);
  await expect(page.getByLabel("Search services")).toHaveValue("");
});

test("“My team” narrows the services to the signed-in engineer's team", async ({ page }) => {
  await page.goto("/services");
  const mine = page.getByRole("link", { name: /^My team \((.+)\)$/ });
  await mine.click();
  await expect(page).toHaveURL(/team=/);
  const team = new URL(page.url()).searchParams.get("team");
  await expect(page.getByRole("link", { name: /^Team: .+ \(remove this filter\)$/ })).toBeVisible();
  await expect(page.getByLabel("Team", { exact: true })).toHaveValue(team!);
});

test("a service page shows its facts and recent deliveries", async ({ page }) => {
  await page.goto("/services/payments-api");
  await expect(page.getByRole("heading", { name: "Payments API" })).toBeVisible();
  await expect(page.getByText("Recent deployments")).toBeVisible();
  await expect(page.locator("table").first().locator("tbody tr").first()).toBeVisible();
});

// The page streams behind loading.tsx, so Next keeps status 200 and renders the not-found UI.
test("an unknown service gets the not-found page", async ({ page }) => {
  await page.goto("/services/no-such-service");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the overview" })).toBeVisible();
});

test("the services list sorts by live level and score, and the team page keeps the Level column", async ({ page }) => {
  await page.goto("/services?sort=score&dir=desc&pageSize=100");
  const scores = (await page.getByTestId("service-score").allInnerTexts()).map(Number);
  expect(scores.length).toBeGreaterThan(10);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));

  await page.getByRole("columnheader", { name: "Level" }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=level&dir=asc/);
  const rank = { "No level": 0, Bronze: 1, Silver: 2, Gold: 3 } as Record<string, number>;
  const levels = await page.locator("tbody tr td a[href$='/scorecard']").allInnerTexts();
  const ranks = levels.map((l) => rank[l.trim()]);
  expect(ranks.every((r) => r !== undefined)).toBe(true);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

  await page.goto("/teams/payments");
  await expect(page.getByRole("columnheader", { name: "Level" })).toBeVisible();
  await expect(page.locator("tbody tr").first().locator("a[href$='/scorecard']")).toHaveText(
    /^(No level|Bronze|Silver|Gold)$/,
  );
});
