import { DEMO_USERS } from "@/lib/access/domain/demo-users";
import { expect, makeUser, shot, test } from "./fixtures";

test.describe("login", () => {
  test("the login page looks like the product and lists demo accounts in demo mode", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in to Shipshape" })).toBeVisible();
    await expect(page.getByText("Demo accounts")).toBeVisible();
    await page.screenshot(shot("login"));
  });

  for (const demo of DEMO_USERS) {
    test(`a ${demo.role} user signs in with the form and sees the right navigation`, async ({ page }) => {
      await page.goto("/login");
      await page.getByLabel("Email").fill(demo.email);
      await page.getByLabel("Password").fill(demo.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link", { name: "Services" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(demo.role === "platform" ? 1 : 0);
      await expect(nav.getByRole("link", { name: "Leadership" })).toHaveCount(demo.role === "engineer" ? 0 : 1);
    });
  }

  test("a wrong password gets the generic error and no session", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(DEMO_USERS[0].email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password." })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    const session = await (await page.request.get("/api/auth/session")).json();
    expect(session?.user).toBeUndefined();
  });

  test("an unknown email gets exactly the same error", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("nobody@nowhere.example");
    await page.getByLabel("Password").fill("whatever-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password." })).toBeVisible();
  });

  test("a disabled user is refused at sign-in", async ({ page, db }) => {
    const user = await makeUser(db, { role: "engineer", disabled: true });
    await page.goto("/login");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password." })).toBeVisible();
  });

  test("a user disabled while signed in loses access on the next request", async ({ page, db, signIn }) => {
    const user = await makeUser(db, { role: "platform" });
    await signIn(page, user.email, user.password);
    await page.goto("/teams");
    await expect(page.getByRole("heading", { name: "Teams" })).toBeVisible();
    await db.user.update({ where: { id: user.id }, data: { disabled: true } });
    await page.goto("/teams");
    await expect(page).toHaveURL(/\/login/);
    const api = await page.request.get("/api/v1/teams");
    expect(api.status()).toBe(401);
  });

  test("signing out ends the session", async ({ page, db, signIn }) => {
    const user = await makeUser(db, { role: "leadership" });
    await signIn(page, user.email, user.password);
    await page.goto("/");
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });
});
