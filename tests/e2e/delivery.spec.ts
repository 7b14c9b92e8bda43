import { DEMO_USERS } from "@/lib/access/domain/demo-users";
import pg from "pg";
import { expect, makeUser, shot, test } from "./fixtures";

test("the service delivery page shows the four keys, trends and tables, and keeps the period in the URL", async ({
  page,
  signIn,
}) => {
  await signIn(page, DEMO_USERS[1].email, DEMO_USERS[1].password);
  await page.goto("/services/payments-api");
  await page.getByRole("link", { name: "Delivery" }).last().click();
  await expect(page).toHaveURL(/\/services\/payments-api\/delivery/);
  for (const title of [
    "Deployment frequency",
    "Lead time for changes",
    "Change failure rate",
    "Failed deployment recovery",
    "Rework rate",
  ]) {
    await expect(page.getByRole("region", { name: title })).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: "Deployments per week" })).toBeVisible();
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Deployments \(/ })).toBeVisible();
  await page.screenshot(shot("service-delivery"));

  await page.getByRole("link", { name: "30d" }).click();
  await expect(page).toHaveURL(/period=30d/);
  await page.getByRole("link", { name: "DORA 2021" }).click();
  await expect(page).toHaveURL(/benchmark=2021/);
  await expect(page.getByRole("region", { name: "Time to restore" })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV" }).first().click();
  const text = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString("utf8");
  expect(text.split("\n")[0]).toBe(
    "externalId,service,environment,status,startedAt,finishedAt,rework,commits,pullRequests,incidents,source,fixes,fixRule,fixedBy",
  );
  expect(text).toContain("payments-api");
});

test("the deployments table shows which deployment fixed, reverted or rolled back which", async ({
  page,
  db,
  signIn,
}) => {
  const { makeTeam, makeService } = await import("../support/factories");
  const team = await makeTeam(db);
  const svc = await makeService(db, team.id);
  const day = (n: number) => new Date(Date.now() - n * 86_400_000);
  const dep = (externalId: string, finishedAt: Date, extra: { fixes?: string; fixRule?: string } = {}) =>
    db.deployment.create({
      data: { serviceId: svc.id, externalId, environment: "production", status: "success", finishedAt, ...extra },
    });
  await dep("deploy-41", day(3));
  await dep("deploy-42", day(2), { fixes: "deploy-41", fixRule: "rollback" });
  await dep("deploy-43", day(1), { fixes: "deploy-9" });
  const user = await makeUser(db, { role: "leadership" });
  await signIn(page, user.email, user.password);
  await page.goto(`/services/${svc.slug}/delivery`);
  await expect(page.getByText("failed: rolled back by")).toHaveText("failed: rolled back by deploy-42");
  await expect(page.getByText("rolls back", { exact: false })).toHaveText("rolls back deploy-41");
  await expect(page.getByText("fixes deploy")).toHaveText("fixes deploy-9 (not received yet)");
  // deploy-41 failed (rolled back): 1 of the 3 deployments.
  await expect(page.getByTestId("metric-Change failure rate")).toContainText("33");
});

test("a service with no delivery data says so instead of showing zeros", async ({ page, db, signIn }) => {
  const { makeTeam, makeService } = await import("../support/factories");
  const team = await makeTeam(db);
  const svc = await makeService(db, team.id);
  const user = await makeUser(db, { role: "leadership" });
  await signIn(page, user.email, user.password);
  await page.goto(`/services/${svc.slug}/delivery`);
  await expect(page.getByTestId("dora-warnings")).toContainText("No successful production deployments");
  await expect(page.getByTestId("metric-Lead time for changes")).toHaveText("No data");
  await expect(page.getByText("No deployments in this period")).toBeVisible();
});

test("the organisation overview compares every team's four keys and sorts them", async ({ page, signIn }) => {
  await signIn(page, DEMO_USERS[2].email, DEMO_USERS[2].password);
  await page.goto("/delivery");
  await expect(page.getByRole("heading", { name: "Delivery" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Payments", exact: true })).toBeVisible();
  await page.screenshot(shot("org-delivery"));
  await page.getByRole("link", { name: "Lead time" }).click();
  await expect(page).toHaveURL(/sort=leadTime&dir=asc/);
  await page.getByRole("link", { name: "Payments", exact: true }).click();
  await expect(page).toHaveURL(/\/teams\/payments\/delivery/);
  await expect(page.getByRole("region", { name: "Change failure rate" })).toBeVisible();
});

test("a CSV import with a bad row reports its line and imports nothing; a good one imports", async ({
  page,
  db,
  signIn,
}) => {
  const { makeTeam, makeService } = await import("../support/factories");
  const team = await makeTeam(db);
  const svc = await makeService(db, team.id);
  const engineer = await makeUser(db, { role: "engineer", teamIds: [team.id] });
  await signIn(page, engineer.email, engineer.password);
  await page.goto("/delivery/import");
  const header = "externalId,service,environment,status,finishedAt";
  await page
    .getByLabel("…or paste CSV")
    .fill(
      `${header}\nx1,${svc.slug},production,success,2026-01-05T10:00:00Z\nx2,${svc.slug},production,success,tomorrow`,
    );
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("csv-errors")).toContainText("line 3: finishedAt must be an ISO-8601 date-time");
  expect(await db.deployment.count({ where: { serviceId: svc.id } })).toBe(0);
  await page
    .getByLabel("…or paste CSV")
    .fill(
      `${header}\nx1,${svc.slug},production,success,2026-01-05T10:00:00Z\nx2,${svc.slug},production,success,2026-01-06T10:00:00Z`,
    );
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Imported 2 deployment(s); 0 were already there.")).toBeVisible();
  expect(await db.deployment.count({ where: { serviceId: svc.id } })).toBe(2);
});

test("a platform user maps an unmatched webhook event to a service and it counts", async ({
  page,
  request,
  db,
  signIn,
}) => {
  const crypto = await import("node:crypto");
  const { makeTeam, makeService, uniq } = await import("../support/factories");
  const repo = `acme/${uniq("unmapped")}`;
  const body = JSON.stringify({
    deployment_status: { state: "success", created_at: "2026-02-01T10:07:00Z" },
    deployment: { id: 99, environment: "production", created_at: "2026-02-01T10:00:00Z" },
    repository: { full_name: repo },
  });
  const sig = crypto.createHmac("sha256", "e2e-github-secret").update(body).digest("hex");
  const res = await request.post("/api/v1/webhooks/github", {
    headers: {
      "content-type": "application/json",
      "x-github-event": "deployment_status",
      "x-github-delivery": uniq("d"),
      "x-hub-signature-256": `sha256=${sig}`,
    },
    data: body,
  });
  expect(res.status()).toBe(202);
  const team = await makeTeam(db);
  const svc = await makeService(db, team.id);
  const platform = await makeUser(db, { role: "platform" });
  await signIn(page, platform.email, platform.password);
  await page.goto("/settings/integrations");
  // Each source says what to paste into the other tool, and how its deliveries went.
  await expect(page.getByRole("button", { name: "Copy GitHub: deployments, pushes, pull requests URL" })).toBeVisible();
  await expect(page.getByText(/Last delivery (just now|.* ago) · .*\d+ unmatched/).first()).toBeVisible();
  await page.screenshot(shot("settings-integrations"));
  const row = page.getByRole("row").filter({ hasText: repo });
  await row.getByLabel(`Service for github.com/${repo}`).selectOption(svc.slug);
  await row.getByRole("button", { name: "Map" }).click();
  await expect(page.getByRole("row").filter({ hasText: repo })).toHaveCount(0); // no longer waiting
  expect(await db.deployment.count({ where: { serviceId: svc.id, externalId: "gh-99" } })).toBe(1);
});

test("deliveries the rollup refresher has not folded in yet are counted, and the organisation page says they are waiting", async ({
  page,
  db,
  signIn,
}) => {
  const { makeTeam, makeService } = await import("../support/factories");
  const team = await makeTeam(db);
  const svc = await makeService(db, team.id);
  const user = await makeUser(db, { role: "leadership" });
  await signIn(page, user.email, user.password);
  // Hold the refresher's lock, as a refresher busy on another replica would: nothing is folded in.
  const holder = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await holder.connect();
  await holder.query("select pg_advisory_lock(20261207)");
  try {
    const day = (n: number, h: number) => new Date(Date.now() - n * 86_400_000 + h * 3_600_000);
    await db.deployment.createMany({
      data: [day(3, 0), day(3, 1), day(2, 0)].map((finishedAt, i) => ({
        serviceId: svc.id,
        externalId: `waiting-${i}`,
        environment: "production",
        status: "success",
        finishedAt,
      })),
    });
    await page.goto(`/services/${svc.slug}/delivery`);
    await expect(page.getByRole("region", { name: "Deployment frequency" })).toContainText("3 deployments on 2 days");
    await page.goto("/delivery?fresh=1");
    await expect(page.getByText(/still being folded into the daily rollups/)).toBeVisible();
  } finally {
    await holder.query("select pg_advisory_unlock(20261207)");
    await holder.end();
  }
  // The refresher folds them in once they have settled (two seconds without a new write); other
  // tests' deliveries come and go meanwhile, so the page's line may still name theirs.
  await expect.poll(() => db.deliveryDay.count({ where: { serviceId: svc.id } }), { timeout: 30_000 }).toBe(2);
  await page.goto(`/services/${svc.slug}/delivery`);
  await expect(page.getByRole("region", { name: "Deployment frequency" })).toContainText("3 deployments on 2 days");
});
