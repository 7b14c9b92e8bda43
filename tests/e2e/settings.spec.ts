import { expect, makeUser, shot, test } from "./fixtures";

test("a platform user creates a token in Settings, and it reads the API", async ({ page, db, signIn }) => {
  const platform = await makeUser(db, { role: "platform" });
  await signIn(page, platform.email, platform.password);
  await page.goto("/settings");
  await page.getByLabel("Name").first().fill("e2e-ci-token");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").innerText()).trim();
  expect(token).toMatch(/^ssp_/);
  await expect(page.getByRole("cell", { name: /e2e-ci-token/ }).first()).toBeVisible();
  await page.screenshot(shot("settings"));

  const res = await page.request.get("/api/v1/teams", { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
});

test("settings are for the platform team only", async ({ page, db, signIn }) => {
  const engineer = await makeUser(db, { role: "engineer" });
  await signIn(page, engineer.email, engineer.password);
  await page.goto("/settings");
  await expect(page.getByText("Platform team only")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create token" })).toHaveCount(0);
});
