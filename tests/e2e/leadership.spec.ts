import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { extractText, getDocumentProxy } from "unpdf";
import { expect, makeUser, shot, test } from "./fixtures";

const run = promisify(execFile);

test.describe.configure({ mode: "serial" });

test.afterAll(async ({ db }) => {
  // Back to the defaults for other specs: the assumptions are organisation-wide.
  await db.setting.deleteMany({ where: { key: "roi.assumptions" } });
});

test("leadership numbers do not mislead: thin comparisons, default assumptions and an overlapping baseline say so", async ({
  page,
  db,
  signIn,
}) => {
  await db.setting.deleteMany({ where: { key: "roi.assumptions" } });
  const leader = await makeUser(db, { role: "leadership" });
  await signIn(page, leader.email, leader.password);
  // The demo data starts about 180 days ago: the year before this one has nothing to compare with.
  await page.goto("/leadership?period=year");
  const headlines = page.getByTestId("headline");
  await expect(headlines).toHaveCount(8);
  for (const h of await headlines.all()) {
    await expect(h).toContainText(/too little data to compare \(data from \d{4}-\d{2}-\d{2}\)|no data to compare/);
    await expect(h).not.toContainText("· was");
  }
  await expect(page.getByTestId("roi-default-assumptions")).toHaveText("Estimated from default assumptions");
  // Month labels read as months; the month under way is marked.
  await expect(page.getByRole("heading", { name: /Trends/ })).toContainText("* marks the month under way");
  await expect(page.getByTestId("partial-month")).toHaveCount(1);

  // A quarter against the previous one, both with data: real comparisons.
  await page.goto("/leadership?period=quarter");
  await expect(headlines.filter({ hasText: "Deployments" })).toContainText("· was");

  // A baseline reaching into the measured period is flagged.
  const form = page.getByRole("form", { name: "ROI assumptions" });
  const today = new Date().toISOString().slice(0, 10);
  await form.getByLabel("To (inclusive)").fill(today);
  await form.getByRole("button", { name: "Save assumptions" }).click();
  await expect(form.getByText("Assumptions saved.")).toBeVisible();
  await expect(page.getByTestId("roi-baseline-overlap")).toContainText("overlaps the measured period");
  await expect(page.getByTestId("roi-default-assumptions")).toHaveCount(0);
  await db.setting.deleteMany({ where: { key: "roi.assumptions" } });
});

test("a leader changes an assumption, sees the ROI figure follow, and downloads the CSVs", async ({
  page,
  db,
  signIn,
}) => {
  const leader = await makeUser(db, { role: "leadership" });
  await signIn(page, leader.email, leader.password);
  await page.goto("/leadership?period=2026-Q3");
  await expect(page.getByRole("heading", { name: /2026-Q3/ })).toBeVisible();
  await expect(page.getByTestId("headline")).toHaveCount(8);

  // Failure cost avoided is linear in the engineer cost: doubling it doubles the figure.
  const figure = page.getByTestId("roi-failure-value");
  const before = await figure.innerText();
  expect(before).toMatch(/^-?\$[\d,]+$/);
  await page.getByTestId("roi-failure").getByText("How is this computed?").click();
  await expect(
    page.getByTestId("roi-failure").getByText(/remediation hours per failed change × engineer cost per hour/),
  ).toBeVisible();

  const form = page.getByRole("form", { name: "ROI assumptions" });
  const cost = form.getByLabel("Engineer cost per hour (loaded)");
  const old = Number(await cost.inputValue());
  await cost.fill(String(old * 2));
  await form.getByRole("button", { name: "Save assumptions" }).click();
  await expect(form.getByText("Assumptions saved.")).toBeVisible();
  const money = (s: string) => Number(s.replace(/[^\d.-]/g, ""));
  await expect.poll(async () => money(await figure.innerText())).toBeCloseTo(money(before) * 2, -1);
  await expect(
    page.getByRole("list", { name: "Assumption changes" }).getByText(`engineer cost ${old} → ${old * 2}/h`),
  ).toBeVisible();
  const audit = await db.auditLog.findFirstOrThrow({
    where: { action: "roi.assumptions.update", actorLabel: leader.email },
  });
  expect(audit.data).toMatchObject({ after: { engineerCostPerHour: old * 2 } });

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV" }).first().click();
  const csv = fs.readFileSync(await (await download).path(), "utf8");
  const [header, ...rows] = csv.trim().split("\n");
  expect(header).toMatch(/^team,from,to,services,scoreStart/);
  expect(rows).toHaveLength(await page.getByRole("table", { name: "Teams in the period" }).locator("tbody tr").count());

  const roi = await page.request.get("/leadership/export/assumptions.csv?period=2026-Q3");
  expect(await roi.text()).toContain(`assumption,engineerCostPerHour,${old * 2},USD`);

  await page.goto("/leadership"); // this quarter to date, the default view
  await expect(page.getByTestId("headline")).toHaveCount(8);
  await page.screenshot(shot("leadership"));
  await page.goto("/leadership/teams?metric=coverage");
  await expect(page.getByRole("table", { name: /Teams by Readiness coverage/ })).toBeVisible();
  await page.screenshot(shot("leadership-drilldown"));
});

test("a bad assumption is refused with the field named, and nothing is saved", async ({ page, db, signIn }) => {
  const platform = await makeUser(db, { role: "platform" });
  await signIn(page, platform.email, platform.password);
  await page.goto("/leadership");
  const revisions = await db.settingRevision.count();
  const form = page.getByRole("form", { name: "ROI assumptions" });
  await form.getByLabel("Tier 1").fill("-5");
  await form.getByRole("button", { name: "Save assumptions" }).click();
  await expect(form.getByText("must be 0 or more")).toBeVisible();
  expect(await db.settingRevision.count()).toBe(revisions);
});

test("a chart drills down to the teams behind it", async ({ page, db, signIn }) => {
  const leader = await makeUser(db, { role: "leadership" });
  await signIn(page, leader.email, leader.password);
  await page.goto("/leadership?period=2026-Q3");
  await page.getByRole("link", { name: "Teams behind this →" }).nth(3).click(); // lead time
  await expect(page.getByRole("heading", { name: "Lead time for changes (median)" })).toBeVisible();
  const table = page.getByRole("table", { name: /Teams by Lead time/ });
  await expect(table.locator("tbody tr")).toHaveCount(
    await db.team.count({ where: { services: { some: { archivedAt: null } } } }),
  );
  // One month of a chart: the month's bar is a link too, through the month table.
  await page.goto("/leadership/teams?period=2026-Q3&metric=incidents&month=2026-08");
  await expect(page.getByText("in August 2026")).toBeVisible();
  // The exports check their query: a bad one is refused with the parameter named.
  const bad = await page.request.get("/leadership/export/teams.csv?period=2026-Q3&month=august");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({
    error: { code: "validation_failed", details: [{ path: "month", message: "must be a month (YYYY-MM)" }] },
  });
  const month = await page.request.get("/leadership/export/teams.csv?period=2026-Q3&metric=incidents&month=2026-08");
  expect(month.headers()["content-disposition"]).toContain("teams-2026-08.csv");
});

test("engineers are told the page is for leadership", async ({ page, db, signIn }) => {
  const engineer = await makeUser(db, { role: "engineer" });
  await signIn(page, engineer.email, engineer.password);
  await page.goto("/leadership");
  await expect(page.getByText("For leadership and the platform team")).toBeVisible();
  expect((await page.request.get("/leadership/export/teams.csv")).status()).toBe(403);
});

test("the CLI writes the report as a PDF with the headline figures as text", async ({ page, db, signIn }) => {
  test.setTimeout(180_000);
  const leader = await makeUser(db, { role: "leadership" });
  await signIn(page, leader.email, leader.password);
  await page.goto("/leadership?period=2026-Q3");
  const headline = async (label: string) =>
    page
      .getByTestId("headline")
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator("p")
      .nth(1)
      .innerText();
  const figures = { deployments: await headline("Deployments"), incidents: await headline("Incidents") };
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "report-")), "report.pdf");
  const base = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
  const { stdout } = await run(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      "lib/cli/index.ts",
      "report",
      "--period",
      "2026-Q3",
      "--out",
      out,
      "--url",
      base,
      "--as",
      leader.email,
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: process.env.E2E_DATABASE_URL,
        AUTH_SECRET: "e2e-test-secret-0123456789abcdef",
      },
      timeout: 150_000,
    },
  );
  expect(stdout).toMatch(/wrote .*report\.pdf/);
  const pdf = await getDocumentProxy(new Uint8Array(fs.readFileSync(out)));
  expect(pdf.numPages).toBeGreaterThanOrEqual(3);
  expect(pdf.numPages).toBeLessThanOrEqual(8);
  const { text } = await extractText(pdf, { mergePages: true });
  expect(text).toContain("Production readiness report · 2026-Q3");
  for (const label of [
    "Readiness coverage",
    "Deployments",
    "Change failure rate",
    "Downtime cost avoided",
    "Failure cost avoided",
    "Assumptions",
  ])
    expect(text).toContain(label);
  // The headline figures on the page are the ones in the PDF.
  expect(figures.deployments).toMatch(/^[\d,]+$/);
  expect(text).toContain(figures.deployments);
  expect(text).toContain(figures.incidents);
});
