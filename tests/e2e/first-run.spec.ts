import { expect, test } from "@playwright/test";
import { makeService, makeTeam, makeUser } from "../support/factories";
import { replicaDatabase, startReplica } from "../support/replicas";

// A new install, on a database of its own: the overview says which three sources to connect, and
// ticks each one off as its data arrives.

test("an empty install's overview says which three sources to connect first, and ticks them off", async ({ page }) => {
  test.setTimeout(120_000);
  const database = await replicaDatabase();
  const app = await startReplica("first-run", database.url);
  try {
    const user = await makeUser(database.db, { role: "platform" });
    const csrf = await page.request.get(`${app.base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await page.request.post(`${app.base}/api/auth/callback/credentials`, {
      form: { csrfToken, email: user.email, password: user.password, json: "true" },
    });
    expect(res.ok()).toBe(true);

    await page.goto(`${app.base}/`);
    const start = page.getByTestId("start-here");
    await expect(start.getByRole("heading", { name: "Start here: connect three sources" })).toBeVisible();
    await expect(start).toContainText("0 of 3 connected.");
    await expect(start.getByRole("progressbar", { name: "Sources connected" })).toHaveAttribute("aria-valuenow", "0");
    await expect(start.getByRole("link", { name: "Import the catalog →" })).toHaveAttribute("href", "/services/import");
    await expect(start.getByRole("link", { name: "Connect a forge →" })).toHaveAttribute(
      "href",
      "/settings/integrations",
    );
    await page.screenshot({ path: "test-results/screenshots/overview-first-run.png", fullPage: true });

    // The catalog arrives, then a deployment: two of three, and the links for them go.
    const team = await makeTeam(database.db);
    const service = await makeService(database.db, team.id);
    await database.db.deployment.create({
      data: {
        serviceId: service.id,
        externalId: "first",
        environment: "production",
        status: "success",
        finishedAt: new Date(),
      },
    });
    await page.reload();
    await expect(start).toContainText("2 of 3 connected.");
    await expect(start.getByRole("link", { name: "Import the catalog →" })).toHaveCount(0);
    await expect(start.getByRole("link", { name: "Connect alerting →" })).toBeVisible();

    // An incident: all three, and the card goes away.
    await database.db.incident.create({
      data: { serviceId: service.id, externalId: "inc-1", title: "Errors", startedAt: new Date() },
    });
    await page.reload();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(page.getByTestId("start-here")).toHaveCount(0);
  } finally {
    app.stop();
    await app.exited;
    await database.drop();
  }
});
