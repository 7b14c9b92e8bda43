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

  // Shown once, with a copy button and a first call to try it with (this server's address).
  const origin = new URL(page.url()).origin;
  await expect(page.getByTestId("new-token-snippet")).toHaveText(
    `curl -sS -H "Authorization: Bearer ${token}" ${origin}/api/v1/teams`,
  );
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy the token" }).click();
  await expect(page.getByRole("button", { name: "the token copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
});

test("settings are for the platform team only", async ({ page, db, signIn }) => {
  const engineer = await makeUser(db, { role: "engineer" });
  await signIn(page, engineer.email, engineer.password);
  await page.goto("/settings");
  await expect(page.getByText("Platform team only")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create token" })).toHaveCount(0);
});
