// Accessibility (WCAG 2.2 AA, axe-core) in both themes, and no sideways scrolling at phone width
// (390 px), on every main page, as the user who sees the most of it.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DEMO_USERS } from "@/lib/access/domain/demo-users";
import { expect, shot, test } from "./fixtures";

const [PLATFORM, , LEADER] = DEMO_USERS;

const MAIN_PAGES = [
  "/",
  "/services",
  "/services/payments-api",
  "/services/payments-api/scorecard",
  "/services/payments-api/delivery",
  "/services/payments-api/slos",
  "/services/payments-api/facts",
  "/teams",
  "/teams/payments",
  "/teams/payments/scorecard",
  "/teams/payments/delivery",
  "/scorecards",
  "/delivery",
  "/reviews",
  "/waivers",
  "/initiatives",
  "/settings",
  "/settings/scorecards",
];

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("main h1").first()).toBeVisible();
  // Charts draw after hydration: judge the page as it settles.
  await page.waitForLoadState("networkidle");
}

/** Serious and critical violations, one readable line each (rule, what, where). */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.nodes.length}×): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}`,
    );
}

for (const theme of ["light", "dark"] as const) {
  test(`every main page has no serious or critical WCAG 2.2 AA violation (${theme} theme)`, async ({
    page,
    signIn,
  }) => {
    test.slow();
    await page.addInitScript((t) => localStorage.setItem("theme", t), theme);
    await signIn(page, PLATFORM.email, PLATFORM.password);
    const found: Record<string, string[]> = {};
    for (const path of MAIN_PAGES) {
      await open(page, path);
      const v = await seriousViolations(page);
      if (v.length) found[path] = v;
    }
    await signIn(page, LEADER.email, LEADER.password);
    await open(page, "/leadership");
    const v = await seriousViolations(page);
    if (v.length) found["/leadership"] = v;
    expect(found).toEqual({});
  });
}

test("no main page scrolls sideways at 390 px", async ({ page, signIn }) => {
  test.slow();
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, PLATFORM.email, PLATFORM.password);
  const wide: Record<string, string> = {};
  const measure = async (path: string) => {
    await open(page, path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    await page.screenshot(shot(`phone${path === "/" ? "-overview" : path.replace(/\//g, "-")}`));
    // Name where the overflow starts: elements past the edge whose parent is not.
    if (width > 390)
      wide[path] = await page.evaluate(() => {
        const past = (e: Element) => e.getBoundingClientRect().right > window.innerWidth + 1;
        const origins = [...document.querySelectorAll("main *, header *")].filter(
          (e) => past(e) && e.parentElement && !past(e.parentElement),
        );
        const describe = (e: Element) =>
          `${e.tagName.toLowerCase()}${e.className && typeof e.className === "string" ? `.${e.className.split(/\s+/).slice(0, 4).join(".")}` : ""} (${Math.round(e.getBoundingClientRect().right)} px)`;
        return `${document.documentElement.scrollWidth} px wide: ${origins.slice(0, 4).map(describe).join("; ")}`;
      });
  };
  for (const path of MAIN_PAGES) await measure(path);
  await signIn(page, LEADER.email, LEADER.password);
  await measure("/leadership");
  expect(wide).toEqual({});
});

test("a skip link takes the keyboard past the navigation to the page's content", async ({ page, signIn }) => {
  await signIn(page, PLATFORM.email, PLATFORM.password);
  await page.goto("/services");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("keyboard shortcuts: ? lists them, g then a letter goes to a section, / searches", async ({ page, signIn }) => {
  await signIn(page, PLATFORM.email, PLATFORM.password);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("Go to Services");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  await page.keyboard.press("g");
  await page.keyboard.press("s");
  await expect(page).toHaveURL(/\/services$/);
  await expect(page.getByRole("heading", { name: "Services", level: 1 })).toBeVisible();
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search services")).toBeFocused();
  // Typed into a field, the same keys are just text.
  await page.keyboard.type("g t");
  await expect(page).toHaveURL(/\/services/);

  await page.goto("/teams");
  await page.keyboard.press("/");
  await expect(page).toHaveURL(/\/services\?focus=search$/);
  await expect(page.getByLabel("Search services")).toBeFocused();
});
