// An engineer tags their service in its edit form, finds it again by a tag chip, and sees the facts
// their CI reports (with a team-bound token) on the service's Facts tab, with history.
import { DEMO_USERS } from "@/lib/access/domain/demo-users";
import { expect, makeToken, shot, test } from "./fixtures";

test("tags from the edit form filter the services list, and CI's facts show on the Facts tab", async ({
  page,
  db,
  signIn,
}) => {
  await signIn(page, DEMO_USERS[1].email, DEMO_USERS[1].password);
  const team = await db.team.findUniqueOrThrow({ where: { slug: "payments" } });
  // A service of the engineer's team that other specs leave alone (a new one would change their counts).
  const svc = await db.service.findFirstOrThrow({
    where: { teamId: team.id, archivedAt: null, facts: { none: {} } },
    orderBy: { slug: "desc" },
  });

  await page.goto(`/services/${svc.slug}/edit`);
  await page.getByLabel("Tags").fill("language=go, pci, has space=x");
  await page.getByRole("button", { name: /save/i }).click();
  await expect(page.getByText(/has space/).first()).toBeVisible();
  await page.getByLabel("Tags").fill("language=go, pci");
  await page.getByRole("button", { name: /save/i }).click();
  await expect(page).toHaveURL(new RegExp(`/services/${svc.slug}$`));
  const tags = page.getByRole("list", { name: "Tags" });
  await expect(tags.getByRole("link")).toHaveText(["language=go", "pci"]);

  await tags.getByRole("link", { name: "language=go" }).click();
  await expect(page).toHaveURL(/tag=language%3Ago/);
  await expect(page.getByLabel("Tag")).toHaveValue("language:go");
  await expect(page.getByRole("link", { name: svc.name, exact: true })).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(1);

  await page.goto(`/services/${svc.slug}/facts`);
  await expect(page.getByText("No facts reported yet")).toBeVisible();
  await expect(page.getByText(`/api/v1/services/${svc.slug}/facts/coverage`)).toBeVisible();

  const token = await makeToken(db, ["ingest"], team.id);
  for (const line of [72, 81.5]) {
    const res = await page.request.put(`/api/v1/services/${svc.slug}/facts/coverage`, {
      headers: { authorization: `Bearer ${token}` },
      data: { line, branch: 60 },
    });
    expect(res.ok()).toBe(true);
  }
  await page.reload();
  const row = page.locator("#fact-coverage");
  await expect(row).toContainText('{"line":81.5,"branch":60}');
  await expect(row).toContainText(/by token:token-/);
  await row.getByText("2 changes").click();
  await expect(row.getByRole("listitem")).toHaveCount(2);
  await expect(row.getByRole("listitem").nth(1)).toContainText('"line":72');
  await page.screenshot(shot("service-facts"));
});
