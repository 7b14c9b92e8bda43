import type { PrismaClient } from "@/generated/prisma/client";
import { DEMO_USERS } from "@/lib/access/domain/demo-users";
import { expect, makeTeam, shot, test } from "./fixtures";
import { uniq } from "../support/factories";

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

test("a platform user's overview lists what waits for them, each line linking to it", async ({ page, db, signIn }) => {
  const platform = DEMO_USERS[0];
  // A service that was Gold a week ago and has no level now: the biggest drop there can be.
  // In a team of its own: the seeded teams' counts belong to other specs.
  const team = await makeTeam(db);
  const svc = await db.service.create({
    data: { slug: uniq("dropped"), name: `Aardvark ${uniq("")}`, teamId: team.id, tier: 1, lifecycle: "production" },
  });
  // Snapshots as the daily job writes them (another service's figures), a week apart.
  const latest = await db.serviceSnapshot.findFirstOrThrow({ orderBy: { day: "desc" }, select: { day: true } });
  const weekAgo = new Date(latest.day.getTime() - 7 * 86_400_000);
  const like = async (day: Date) =>
    (await db.serviceSnapshot.findFirstOrThrow({ where: { day }, select: { data: true } })).data ?? {};
  await db.serviceSnapshot.createMany({
    data: [
      { serviceId: svc.id, day: weekAgo, level: "gold", score: 100, data: await like(weekAgo) },
      { serviceId: svc.id, day: latest.day, level: "none", score: 10, data: await like(latest.day) },
    ],
  });
  await signIn(page, platform.email, platform.password);
  const open = () => db.review.count({ where: { status: "requested" } });
  const before = await open();
  await page.goto("/");
  const after = await open();

  const reviews = page.getByTestId("attention-reviews-waiting");
  const shown = Number(await reviews.locator("h2 span.rounded-full").innerText());
  expect(shown).toBeGreaterThanOrEqual(before);
  expect(shown).toBeLessThanOrEqual(after);
  const oldest = await db.review.findFirstOrThrow({ where: { status: "requested" }, orderBy: { createdAt: "asc" } });
  await expect(reviews.getByRole("link").first()).toHaveAttribute("href", `/reviews/${oldest.id}`);

  const drops = page.getByTestId("attention-dropped-a-level");
  const row = drops.getByRole("listitem").filter({ hasText: svc.name });
  await expect(row).toContainText(`Gold → No level · ${team.name}`);
  await page.screenshot(shot("overview-platform"));
  await row.getByRole("link", { name: svc.name }).click();
  await expect(page).toHaveURL(`/services/${svc.slug}/scorecard`);
});

test("an engineer's overview shows each of their team's services with what its next level needs", async ({
  page,
  signIn,
}) => {
  const engineer = DEMO_USERS[1];
  await signIn(page, engineer.email, engineer.password);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: /Your team: what to fix next/ })).toBeVisible();
  await expect(page.getByTestId("attention-reviews-waiting")).toHaveCount(0);
  const team = page.getByTestId("team-next-payments");
  const fix = team.locator('a[href*="#rule-"]');
  await page.screenshot(shot("overview-engineer"));
  const first = fix.first();
  const href = (await first.getAttribute("href"))!;
  const rule = href.split("#rule-")[1];
  await first.click();
  await expect(page).toHaveURL(new RegExp(`/services/[^/]+/scorecard#rule-${rule}$`));
  await expect(page.locator(`li#rule-${rule}`).first()).toHaveAttribute("data-pass", "false");
  await expect(page.locator(`li#rule-${rule}`).first()).toBeInViewport();
});

test("a leader's overview leads to the leadership view", async ({ page, signIn }) => {
  const leader = DEMO_USERS[2];
  await signIn(page, leader.email, leader.password);
  await page.goto("/");
  await page.getByTestId("leadership-link").getByRole("link", { name: "Open the leadership view" }).click();
  await expect(page).toHaveURL(/\/leadership/);
});
