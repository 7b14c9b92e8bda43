// What an attacker tries first at the front door: guessing passwords, and leaving the site through
// the sign-in redirect.
import { expect, makeUser, shot, test } from "./fixtures";

async function passwordSignIn(page: import("@playwright/test").Page, email: string, password: string) {
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return page.request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
}

test("repeated failed sign-ins for one account get 429 with Retry-After, even with the right password", async ({
  page,
  db,
}) => {
  const user = await makeUser(db, { role: "engineer" });
  for (let i = 0; i < 10; i++) {
    const res = await passwordSignIn(page, user.email, `wrong-${i}`);
    expect(res.status()).toBe(401);
    expect((await res.json()).url).toContain("error=CredentialsSignin");
  }
  const blocked = await passwordSignIn(page, user.email, user.password);
  expect(blocked.status()).toBe(429);
  expect(Number(blocked.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await blocked.json()).toMatchObject({ error: { code: "rate_limited" } });
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session?.user).toBeUndefined();
  expect(await db.auditLog.count({ where: { action: "auth.sign_in_failed", entityId: user.id } })).toBe(10);

  // The form says why.
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed sign-ins" })).toBeVisible();
});

test("a spoofed X-Forwarded-For does not escape the limit", async ({ page, db }) => {
  const user = await makeUser(db, { role: "engineer" });
  for (let i = 0; i < 10; i++) {
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await page.request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: user.email, password: "nope", json: "true" },
      headers: { "x-forwarded-for": `203.0.113.${i}`, "x-shipshape-peer": `198.51.100.${i}` },
    });
  }
  expect((await passwordSignIn(page, user.email, user.password)).status()).toBe(429);
});

test("sign-in redirects never leave the site", async ({ page, db }) => {
  const user = await makeUser(db, { role: "engineer" });
  for (const target of ["/\\evil.example", "//evil.example", "https://evil.example/x", "/\t/evil.example"]) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    expect(new URL(page.url()).hostname).toBe("localhost");
    expect(page.url()).not.toContain("evil.example");
  }
});

test("the account page links SSO only on request and signs out everywhere", async ({ page, db, signIn }) => {
  const user = await makeUser(db, { role: "engineer" });
  await signIn(page, user.email, user.password);
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();
  await expect(page.getByText("No single sign-on provider is configured on this server.")).toBeVisible();
  await page.screenshot(shot("account"));
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);
  // The old session cookie no longer opens anything.
  await page.goto("/services");
  await expect(page).toHaveURL(/\/login/);
  expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(1);
});

test("pages carry a nonce-based CSP and the security headers, and still run their scripts and charts", async ({
  page,
  db,
  signIn,
}) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const user = await makeUser(db, { role: "leadership" });
  await signIn(page, user.email, user.password);
  const res = await page.goto("/delivery");
  const headers = res!.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // Every script in the served HTML carries this response's nonce (the ones they load are trusted
  // through 'strict-dynamic').
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const tags = (await res!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  expect(tags.filter((t) => !t.includes(`nonce="${nonce}"`))).toEqual([]);
  // A fresh nonce on every request.
  const again = (await page.request.get("/delivery")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);
  // Scripts run (the period pills navigate client-side) and Recharts draws under the policy.
  await page.goto("/leadership");
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  expect(violations).toEqual([]);
  // The API answers with nosniff too.
  expect((await page.request.get("/api/health")).headers()["x-content-type-options"]).toBe("nosniff");
});

test("session cookies are HttpOnly and SameSite, and cross-site writes with them are refused", async ({
  page,
  db,
  signIn,
}) => {
  const user = await makeUser(db, { role: "platform" });
  await signIn(page, user.email, user.password);
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");
  const slug = `csrf-${Date.now()}`;
  for (const origin of ["https://evil.example", "null"]) {
    const res = await page.request.post("/api/v1/teams", { data: { slug, name: "Forged" }, headers: { origin } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
  }
  expect(await db.team.count({ where: { slug } })).toBe(0);
  // The same request from the site itself goes through.
  const own = new URL(test.info().project.use.baseURL!).origin;
  const ok = await page.request.post("/api/v1/teams", { data: { slug, name: "Real" }, headers: { origin: own } });
  expect(ok.status()).toBe(201);
});
