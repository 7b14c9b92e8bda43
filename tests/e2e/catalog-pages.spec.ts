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
