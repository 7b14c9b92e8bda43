import { generate } from "otplib";
import { expect, makeUser, shot, test } from "./fixtures";

// Two-factor set-up and sign-in, in the browser, as a user would do them.

const codeAt = (secret: string, stepsAhead: number) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

test("a user sets up two-factor on the Account page, and the next sign-in asks for a code", async ({
  page,
  db,
  signIn,
}) => {
  const user = await makeUser(db, { role: "engineer" });
  await signIn(page, user.email, user.password);
  await page.goto("/account");
  const card = page.locator("#two-factor");
  await expect(card.getByText("off", { exact: true })).toBeVisible();
  await card.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(card.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await card.locator("code").innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

  await card.getByLabel("Code from your app").fill("000000");
  await card.getByRole("button", { name: "Turn on" }).click();
  await expect(card.getByText(/That code is not right/)).toBeVisible();
  await card.getByLabel("Code from your app").fill(await codeAt(secret, 0));
  await card.getByRole("button", { name: "Turn on" }).click();
  await expect(card.getByText("Two-factor authentication is on.", { exact: false })).toBeVisible();
  await expect(card.locator("li")).toHaveCount(10);
  await page.screenshot(shot("account-two-factor-recovery-codes"));
  await card.getByRole("button", { name: "I saved them" }).click();
  await expect(card.getByText("on", { exact: true })).toBeVisible();

  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const code = page.getByLabel("Authentication code");
  await expect(code).toBeVisible();
  await expect(code).toBeFocused();
  expect((await (await page.request.get("/api/auth/session")).json())?.user).toBeUndefined();
  await page.screenshot(shot("login-two-factor"));
  await code.fill(await codeAt(secret, 1));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});
