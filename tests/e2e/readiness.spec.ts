import type { Page } from "@playwright/test";
import { expect, makeTeam, makeUser, shot, test } from "./fixtures";
import { makeService } from "../support/factories";

const overall = (page: Page) => page.getByRole("progressbar", { name: "Overall readiness" });
const percent = async (page: Page) => Number(await overall(page).getAttribute("aria-valuenow"));
const item = (page: Page, title: string) =>
  page.locator("li[id^=item-]").filter({ has: page.getByRole("button", { name: title, exact: true }) });

test("an engineer ticks items and sees the progress bar move, with the change in the item's history", async ({
  page,
  db,
  signIn,
}) => {
  const team = await makeTeam(db);
  const service = await makeService(db, team.id, { tier: 1 });
  const engineer = await makeUser(db, { role: "engineer", teamIds: [team.id] });
  await signIn(page, engineer.email, engineer.password);
  await page.goto(`/services/${service.slug}`);
  await expect(overall(page)).toHaveAttribute("aria-valuenow", "0");

  await page.getByRole("checkbox", { name: "A named team owns the service: mark as done" }).click();
  await expect.poll(() => percent(page)).toBeGreaterThan(0);
  const afterOne = await percent(page);
  await page.getByRole("checkbox", { name: "Automated tests run in CI on every change: mark as done" }).click();
  await expect.poll(() => percent(page)).toBeGreaterThan(afterOne);
  await expect(page.getByTestId("required-progress")).toContainText("2 of");

  const row = item(page, "A named team owns the service");
  await row.getByRole("button", { name: "A named team owns the service", exact: true }).click();
  await expect(row.getByTestId("item-history")).toContainText("open → done");
  const state = await db.checklistItemState.findUniqueOrThrow({
    where: { serviceId_itemKey: { serviceId: service.id, itemKey: "owner-team" } },
  });
  expect(state).toMatchObject({ status: "done", version: 1, updatedById: engineer.id });
  await page.screenshot(shot("service-checklist"));
});

test("reopening a done item keeps its evidence and note, and ticking it again brings them back", async ({
  page,
  db,
  signIn,
}) => {
  const team = await makeTeam(db);
  const service = await makeService(db, team.id, { tier: 2 });
  const engineer = await makeUser(db, { role: "engineer", teamIds: [team.id] });
  await signIn(page, engineer.email, engineer.password);
  await page.goto(`/services/${service.slug}`);
  const title = "A named team owns the service";
  const row = item(page, title);
  await row.getByRole("button", { name: title, exact: true }).click();
  await row.getByLabel("Evidence URL").fill("https://wiki.example/ownership");
  await row.getByLabel("Note").fill("Owned by the payments guild since March.");
  await row.getByRole("button", { name: "Mark done with evidence" }).click();
  await expect(page.getByRole("checkbox", { name: `${title}: mark as open` })).toBeVisible();

  const where = { serviceId_itemKey: { serviceId: service.id, itemKey: "owner-team" } };
  await page.getByRole("checkbox", { name: `${title}: mark as open` }).click();
  await expect(page.getByRole("checkbox", { name: `${title}: mark as done` })).toBeVisible();
  await expect.poll(async () => (await db.checklistItemState.findUniqueOrThrow({ where })).status).toBe("open");
  expect(await db.checklistItemState.findUniqueOrThrow({ where })).toMatchObject({
    evidenceUrl: "https://wiki.example/ownership",
    note: "Owned by the payments guild since March.",
  });
  await expect(row.getByLabel("Evidence URL")).toHaveValue("https://wiki.example/ownership");

  await page.getByRole("checkbox", { name: `${title}: mark as done` }).click();
  await expect.poll(async () => (await db.checklistItemState.findUniqueOrThrow({ where })).status).toBe("done");
  expect(await db.checklistItemState.findUniqueOrThrow({ where })).toMatchObject({
    evidenceUrl: "https://wiki.example/ownership",
    note: "Owned by the payments guild since March.",
    version: 3,
  });
  await expect(row.getByRole("link", { name: "evidence" })).toHaveAttribute("href", "https://wiki.example/ownership");
});

test("waiver and review: the engineer asks, the platform approves both, and the service shows its sign-off", async ({
  browser,
  db,
  signIn,
}) => {
  const team = await makeTeam(db);
  const service = await makeService(db, team.id, { tier: 1 });
  const engineer = await makeUser(db, { role: "engineer", teamIds: [team.id] });
  const platform = await makeUser(db, { role: "platform" });

  const eng = await (await browser.newContext()).newPage();
  await signIn(eng, engineer.email, engineer.password);
  await eng.goto(`/services/${service.slug}`);
  const row = item(eng, "Restoring from backup has been tested in the last quarter");
  await row
    .getByRole("button", { name: "Restoring from backup has been tested in the last quarter", exact: true })
    .click();
  await row.getByLabel("Justification").fill("Restore drill is booked with the DBA team for next month.");
  await row.getByRole("button", { name: "Request waiver" }).click();
  await expect(row.getByText("Waiver requested")).toBeVisible();
  // A tier-1 service with its required items open: asking warns, and lists them with links.
  const warning = eng.getByTestId("open-required");
  await expect(warning).toContainText(
    /\d+ required items are still open\. Reviewers will see them; you can still ask\./,
  );
  const firstOpen = warning.getByRole("link").first();
  await expect(firstOpen).toHaveAttribute("href", /^#item-[a-z0-9-]+$/);
  await eng
    .getByLabel("Ready for sign-off? Ask the platform team to review.")
    .fill("Ready apart from the restore drill.");
  await eng.getByRole("button", { name: "Request review" }).click();
  await expect(eng.getByText("Waiting for the platform team.")).toBeVisible();

  const plat = await (await browser.newContext()).newPage();
  await signIn(plat, platform.email, platform.password);
  await plat.goto("/waivers?status=pending");
  const approve = plat.getByRole("button", {
    name: `Approve waiver for ${service.name}: Restoring from backup has been tested in the last quarter`,
  });
  await approve.click();
  await expect(approve).toHaveCount(0); // it leaves the Pending tab
  expect((await db.waiver.findFirstOrThrow({ where: { serviceId: service.id } })).status).toBe("approved");

  await plat.goto("/reviews");
  await plat.screenshot(shot("review-queue"));
  await plat.getByRole("link", { name: service.name }).click();
  await expect(plat.getByRole("heading", { name: `Readiness review: ${service.name}` })).toBeVisible();
  await expect(plat.getByText("Restoring from backup has been tested in the last quarter")).toBeVisible(); // listed as an active waiver
  await plat.getByLabel("Decision comment").fill("Waiver noted; everything else is in place. Approved.");
  await plat.getByRole("button", { name: "Approve" }).click();
  await expect(plat.getByText("approved", { exact: true })).toBeVisible();
  await expect(plat.getByRole("button", { name: "Approve" })).toHaveCount(0);
  // The decision is an entry in the conversation, after the comment that came with it.
  await expect(plat.getByTestId("review-decision-entry")).toContainText(`${platform.name} approved the review`);

  await eng.goto(`/services/${service.slug}`);
  await expect(eng.getByTestId("last-approved")).toContainText(`by ${platform.name}`);
  await expect(
    item(eng, "Restoring from backup has been tested in the last quarter").getByText(/Waived until/),
  ).toBeVisible();
  const review = await db.review.findFirstOrThrow({ where: { serviceId: service.id }, include: { comments: true } });
  expect(review.status).toBe("approved");
  expect(review.comments.map((c) => c.body)).toEqual(["Waiver noted; everything else is in place. Approved."]);
});

test("an engineer of another team cannot tick the item, in the page or through the API", async ({
  page,
  db,
  signIn,
}) => {
  const owners = await makeTeam(db);
  const others = await makeTeam(db);
  const service = await makeService(db, owners.id, { tier: 2 });
  const outsider = await makeUser(db, { role: "engineer", teamIds: [others.id] });
  await signIn(page, outsider.email, outsider.password);
  await page.goto(`/services/${service.slug}`);
  await expect(page.getByText(`only ${owners.name} and the platform team can change it`)).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "A named team owns the service: mark as done" })).toBeDisabled();
  const res = await page.request.patch(`/api/v1/services/${service.slug}/checklist/items/owner-team`, {
    data: { status: "done", version: 0 },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe("forbidden");
  expect(await db.checklistItemState.count({ where: { serviceId: service.id } })).toBe(0);
});

test("two people ticking the same item: the second sees who changed it and can reload", async ({
  browser,
  db,
  signIn,
}) => {
  const team = await makeTeam(db);
  const service = await makeService(db, team.id);
  const alice = await makeUser(db, { role: "engineer", teamIds: [team.id] });
  const bob = await makeUser(db, { role: "engineer", teamIds: [team.id] });
  const pageA = await (await browser.newContext()).newPage();
  const pageB = await (await browser.newContext()).newPage();
  await signIn(pageA, alice.email, alice.password);
  await signIn(pageB, bob.email, bob.password);
  await pageA.goto(`/services/${service.slug}`);
  await pageB.goto(`/services/${service.slug}`);
  const box = (p: Page) => p.getByRole("checkbox", { name: /^Automated tests run in CI on every change/ });
  await box(pageA).click();
  await expect(box(pageA)).toHaveAttribute("aria-checked", "true");
  await box(pageB).click();
  const alert = pageB.getByRole("alert").filter({ hasText: "changed by" });
  await expect(alert).toContainText(`changed by ${alice.name}`);
  await alert.getByRole("button", { name: "Reload" }).click();
  await expect(box(pageB)).toHaveAttribute("aria-checked", "true");
});

test("a platform user creates a service through the form, fixing a field error, then edits it", async ({
  page,
  db,
  signIn,
}) => {
  const team = await makeTeam(db);
  const platform = await makeUser(db, { role: "platform" });
  await signIn(page, platform.email, platform.password);
  await page.goto("/services/new");
  const slug = `form-svc-${Date.now()}`;
  await page.getByLabel("Name").fill("Form Service");
  await page.getByLabel("Slug").fill("Not a slug!");
  await page.getByLabel("Owning team").selectOption(team.slug);
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByText("must be lower-case letters, digits and single hyphens")).toBeVisible();
  await expect(page.getByLabel("Slug")).toHaveAttribute("aria-invalid", "true");
  expect(await db.service.count({ where: { name: "Form Service" } })).toBe(0);

  await page.getByLabel("Slug").fill(slug);
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page).toHaveURL(new RegExp(`/services/${slug}$`));
  await expect(page.getByRole("heading", { name: "Form Service" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Overall readiness" })).toBeVisible();

  await page.getByRole("link", { name: "Edit" }).click();
  // The service page has a "Required for tier N" progress bar: wait for the form before using "Tier".
  await expect(page).toHaveURL(new RegExp(`/services/${slug}/edit$`));
  await page.getByLabel("Tier", { exact: true }).selectOption("1");
  await page.getByLabel("Runbook URL").fill("https://runbooks.example.com/form");
  await page.getByLabel("Repository URL").fill(`https://github.com/acme/mono-${slug}`);
  await page.getByLabel("Monorepo paths").fill("services/form, ./libs/form/");
  await page.getByLabel("Monorepo labels").fill("area/form");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/services/${slug}$`));
  await expect(page.getByText("Tier 1").first()).toBeVisible();
  await expect(page.getByText("services/form/", { exact: true })).toBeVisible();
  await expect(page.getByText("label area/form")).toBeVisible();
  expect(await db.service.findUniqueOrThrow({ where: { slug } })).toMatchObject({
    tier: 1,
    runbookUrl: "https://runbooks.example.com/form",
    repoPaths: ["services/form/", "libs/form/"],
    repoLabels: ["area/form"],
  });
});

test("a platform user imports a Backstage catalog in the UI and sees the per-document report", async ({
  page,
  db,
  signIn,
}) => {
  const platform = await makeUser(db, { role: "platform" });
  await signIn(page, platform.email, platform.password);
  const team = `imp-${Date.now()}`;
  const yaml = [
    `kind: Group\nmetadata: { name: ${team} }\nspec: { profile: { displayName: Imported Team } }`,
    `kind: Component\nmetadata: { name: ${team}-api, annotations: { shipshape.dev/tier: "2" } }\nspec: { type: service, lifecycle: production, owner: group:${team} }`,
    `kind: Component\nmetadata: { name: ${team}-bad }\nspec: { lifecycle: forever, owner: ${team} }`,
  ].join("\n---\n");
  await page.goto("/services/import");
  await page.getByLabel("…or paste YAML").fill(yaml);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported: 2 created, 0 updated, 0 unchanged or skipped.")).toBeVisible();
  await expect(page.getByTestId("import-errors")).toContainText("document 2");
  expect(await db.service.findUnique({ where: { slug: `${team}-api` } })).toMatchObject({ tier: 2 });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported: 0 created, 0 updated, 2 unchanged or skipped.")).toBeVisible();
});

test("rejecting a waiver asks for the reason, which the requester then reads", async ({ page, db, signIn }) => {
  const team = await makeTeam(db);
  const service = await makeService(db, team.id, { tier: 1 });
  const engineer = await makeUser(db, { role: "engineer", teamIds: [team.id] });
  const platform = await makeUser(db, { role: "platform" });
  const waiver = await db.waiver.create({
    data: {
      serviceId: service.id,
      itemKey: "restore-tested",
      justification: "The restore drill is booked for next month.",
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
      requestedById: engineer.id,
    },
  });
  await signIn(page, platform.email, platform.password);
  await page.goto("/waivers?status=pending");
  await page.getByRole("button", { name: new RegExp(`^Reject waiver for ${service.name}: `) }).click();
  // Nothing is decided yet: the reason comes first.
  expect((await db.waiver.findUniqueOrThrow({ where: { id: waiver.id } })).status).toBe("pending");
  const reason = page.getByLabel(new RegExp(`^Why is the waiver for ${service.name}: .+ rejected\\?$`));
  await expect(reason).toBeFocused();
  await reason.fill("Tier-1 services may not skip the restore drill; run it on the staging copy this week.");
  await page.getByRole("button", { name: "Reject waiver", exact: true }).click();
  await expect
    .poll(async () => (await db.waiver.findUniqueOrThrow({ where: { id: waiver.id } })).status)
    .toBe("rejected");
  // Decided, it leaves the Pending tab.
  await expect(reason).toHaveCount(0);
  expect(await db.waiver.findUniqueOrThrow({ where: { id: waiver.id } })).toMatchObject({
    status: "rejected",
    decisionNote: "Tier-1 services may not skip the restore drill; run it on the staging copy this week.",
  });
  await page.goto("/waivers?status=rejected");
  await expect(page.getByText("run it on the staging copy this week")).toBeVisible();
});

test("a tick shows at once, before the server answers, and the server's answer confirms it", async ({
  page,
  db,
  signIn,
}) => {
  const team = await makeTeam(db);
  const service = await makeService(db, team.id, { tier: 1 });
  const engineer = await makeUser(db, { role: "engineer", teamIds: [team.id] });
  await signIn(page, engineer.email, engineer.password);
  await page.goto(`/services/${service.slug}`);
  const title = "Restoring from backup has been tested in the last quarter";
  const box = item(page, title).getByRole("checkbox");
  await expect(box).toHaveAttribute("aria-checked", "false");

  // Hold the server action's request until the tick has been seen on the page.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/services/${service.slug}`, async (route) => {
    if (route.request().method() === "POST") await held;
    await route.continue();
  });
  await box.click();
  await expect(box).toHaveAttribute("aria-checked", "true");
  const state = () =>
    db.checklistItemState.findUnique({
      where: { serviceId_itemKey: { serviceId: service.id, itemKey: "restore-tested" } },
    });
  expect((await state())?.status ?? "open").toBe("open"); // only the page knows so far
  release();
  await expect.poll(async () => (await state())?.status).toBe("done");
  await expect(box).toHaveAttribute("aria-checked", "true");
  await expect(item(page, title)).toContainText(`Done by ${engineer.name}`);
});
