// The organisation audit log (Settings → Audit log): names and sentences rather than emails and
// keys, filters, the security events, CSV export, and the platform team only.
import { DEMO_USERS } from "@/lib/access/domain/demo-users";
import { expect, makeTeam, makeUser, shot, test } from "./fixtures";
import { makeService } from "../support/factories";

test("a platform user reads who changed what, filters it, and exports it", async ({ page, db, signIn, browser }) => {
  const team = await makeTeam(db);
  const service = await makeService(db, team.id, { tier: 1 });
  const engineer = await makeUser(db, { role: "engineer", teamIds: [team.id] });
  const platform = await makeUser(db, { role: "platform" });

  // The engineer ticks an item through the UI: that is what the log must show, in words.
  const eng = await (await browser.newContext()).newPage();
  await signIn(eng, engineer.email, engineer.password);
  await eng.goto(`/services/${service.slug}`);
  await eng
    .locator("li[id^=item-]")
    .filter({ hasText: "Restoring from backup has been tested in the last quarter" })
    .getByRole("checkbox")
    .click();
  await expect
    .poll(() => db.auditLog.count({ where: { serviceId: service.id, action: "checklist.item.update" } }))
    .toBe(1);

  await signIn(page, platform.email, platform.password);
  await page.goto(`/settings/audit?service=${service.slug}`);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "marked restore-tested done (was open)" });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").nth(1)).toHaveText(engineer.name!);
  await expect(row.getByRole("cell").nth(1)).toHaveAttribute("title", engineer.email);
  await expect(row).toContainText(service.name);
  await page.screenshot(shot("audit-log"));

  // Security events: the engineer's sign-in, under their name.
  await page.goto(`/settings/audit?kind=security&actor=${encodeURIComponent(engineer.email)}`);
  const signInRow = page.getByRole("row").filter({ hasText: "signed in (password)" }).first();
  await expect(signInRow.getByRole("cell").nth(1)).toHaveAttribute("title", engineer.email);
  await expect(page.locator("tbody tr[data-action^='checklist.']")).toHaveCount(0);

  // The CSV has the same entries as the page's filters.
  const csv = await (await page.request.get(`/settings/audit/export.csv?service=${service.slug}`)).text();
  const [header, ...lines] = csv.trim().split("\n");
  expect(header).toBe("at,actor,actorEmail,kind,action,description,service,team");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`${engineer.name},${engineer.email},checklist,checklist.item.update`);
});

test("only the platform team reads the audit log", async ({ page, signIn }) => {
  const engineer = DEMO_USERS[1];
  await signIn(page, engineer.email, engineer.password);
  await page.goto("/settings/audit");
  await expect(page.getByText("The organisation's audit log is read by the platform team.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Audit log" })).toHaveCount(0);
  expect((await page.request.get("/settings/audit/export.csv")).status()).toBe(403);
});
