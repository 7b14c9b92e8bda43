import type { PrismaClient } from "@/generated/prisma/client";
import { DEMO_USERS } from "@/lib/access/domain/demo-users";
import { expect, shot, test } from "./fixtures";

const counts = async (db: PrismaClient) => {
  const since = new Date(Date.now() - 30 * 86_400_000);
  return {
    Teams: await db.team.count(),
    Services: await db.service.count({ where: { archivedAt: null } }),
    "Deploys · 30d": await db.deployment.count({
      where: { status: "success", environment: "production", finishedAt: { gte: since } },
    }),
    SLOs: await db.slo.count(),
  };
};

test("the overview shows the seeded organisation's numbers and the weekly deployment trend", async ({
  page,
  db,
  signIn,
}) => {
  const platform = DEMO_USERS[0];
  await signIn(page, platform.email, platform.password);
  // Other tests add data in parallel, so the page's figure must lie between counts taken before and after.
  const before = await counts(db);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const after = await counts(db);
  for (const label of Object.keys(before) as Array<keyof typeof before>) {
    const card = page.locator("section").filter({ has: page.getByText(label, { exact: true }) });
    const shown = Number((await card.locator("p.text-2xl").innerText()).replace(/,/g, ""));
    expect(shown, label).toBeGreaterThanOrEqual(before[label]);
    expect(shown, label).toBeLessThanOrEqual(after[label]);
  }
  expect(before.Teams).toBeGreaterThanOrEqual(6);
  expect(before["Deploys · 30d"]).toBeGreaterThan(50);

  // Drawn on the server: 26 bars with their numbers, and no charting code sent to the browser.
  const chart = page
    .locator("figure")
    .filter({ has: page.locator("svg") })
    .first();
  await expect(chart.locator("rect[data-bar]")).toHaveCount(26);
  await expect(chart.locator("rect[data-bar]").last().locator("title")).toHaveText(
    /^Week of \w{3} \d+ \(so far\): [\d,]+ deployments$/,
  );
  await expect(chart.locator("figcaption")).toContainText("production deployments over 26 weeks");
  await expect(chart.locator("figcaption tbody tr")).toHaveCount(26);
  expect(await page.locator(".recharts-surface").count()).toBe(0);
  await page.screenshot(shot("overview"));
});
