import { DEMO_USERS } from "@/lib/access/domain/demo-users";
import { expect, makeTeam, makeToken, makeUser, shot, test } from "./fixtures";
import { makeService } from "../support/factories";

test.describe("SLO API", () => {
  test("defines an SLO, takes samples, and evaluates it at any instant", async ({ request, db }) => {
    const team = await makeTeam(db);
    const svc = await makeService(db, team.id);
    const token = await makeToken(db, ["ingest", "read"]);
    const headers = { authorization: `Bearer ${token}` };
    const created = await request.post("/api/v1/slos", {
      headers,
      data: { service: svc.slug, name: "availability", objective: 99.9, windowDays: 30 },
    });
    expect(created.status()).toBe(201);
    expect(await created.json()).toMatchObject({
      service: svc.slug,
      name: "availability",
      objective: 99.9,
      windowDays: 30,
      errorBudget: 0.001,
      status: "no_data",
    });
    const dup = await request.post("/api/v1/slos", {
      headers,
      data: { service: svc.slug, name: "availability", objective: 99.5 },
    });
    expect(dup.status()).toBe(409);

    // 12 five-minute samples in the hour before `at`; the last two with 2% errors.
    const at = new Date(Date.now() - 10 * 60_000);
    at.setUTCSeconds(0, 0);
    const samples = Array.from({ length: 12 }, (_, i) => ({
      start: new Date(at.getTime() - (12 - i) * 5 * 60_000).toISOString(),
      good: i >= 10 ? 9800 : 10_000,
      total: 10_000,
    }));
    const posted = await request.post("/api/v1/sli", {
      headers,
      data: { service: svc.slug, slo: "availability", samples },
    });
    expect(posted.status()).toBe(201);
    expect(await posted.json()).toEqual({ accepted: 12 });

    const res = await request.get(`/api/v1/services/${svc.slug}/slos?at=${at.toISOString()}`, { headers });
    const [slo] = await res.json();
    expect(slo.window).toEqual({ good: 119_600, total: 120_000, errorRatio: 0.003333333 });
    expect(slo.remaining).toBeCloseTo(-2.333333, 5);
    expect(slo.burnRates["5m"]).toBe(20);
    expect(slo.burnRates["30m"]).toBeCloseTo(6.6667, 4);
    expect(slo.burnRates["1h"]).toBeCloseTo(3.3333, 4);
    expect(slo.alerts).toEqual([
      { severity: "page", longWindow: "1h", shortWindow: "5m", factor: 14.4, firing: false },
      { severity: "page", longWindow: "6h", shortWindow: "30m", factor: 6, firing: false },
      { severity: "ticket", longWindow: "1d", shortWindow: "2h", factor: 3, firing: true },
      { severity: "ticket", longWindow: "3d", shortWindow: "6h", factor: 1, firing: true },
    ]);
    expect(slo.status).toBe("exhausted");

    // a replayed (slo, start) replaces the earlier sample
    await request.post("/api/v1/sli", {
      headers,
      data: { service: svc.slug, slo: "availability", samples: samples.map((s) => ({ ...s, good: 10_000 })) },
    });
    const [healed] = await (
      await request.get(`/api/v1/services/${svc.slug}/slos?at=${at.toISOString()}`, { headers })
    ).json();
    expect(healed).toMatchObject({
      window: { good: 120_000, total: 120_000, errorRatio: 0 },
      remaining: 1,
      status: "healthy",
    });
  });

  test("bad samples get 400 with their path and nothing is written", async ({ request, db }) => {
    const team = await makeTeam(db);
    const svc = await makeService(db, team.id);
    const slo = await db.slo.create({ data: { serviceId: svc.id, name: "latency", objective: 99, windowDays: 28 } });
    const token = await makeToken(db, ["ingest"]);
    const start = new Date(Date.now() - 3_600_000).toISOString();
    const res = await request.post("/api/v1/sli", {
      headers: { authorization: `Bearer ${token}` },
      data: {
        service: svc.slug,
        slo: "latency",
        samples: [
          { start, good: 5, total: 10 },
          { start, good: 11, total: 10 },
          { start, good: 1.5, total: 10 },
        ],
      },
    });
    expect(res.status()).toBe(400);
    const details = (await res.json()).error.details.map((d: { path: string }) => d.path);
    expect(details).toEqual(expect.arrayContaining(["samples.1.good", "samples.2.good"]));
    const unknown = await request.post("/api/v1/sli", {
      headers: { authorization: `Bearer ${token}` },
      data: { service: svc.slug, slo: "nope", samples: [{ start, good: 1, total: 1 }] },
    });
    expect((await unknown.json()).error.details[0].path).toBe("slo");
    expect(await db.sliSample.count({ where: { sloId: slo.id } })).toBe(0);
  });

  test("a team-bound token cannot send samples for another team's SLO", async ({ request, db }) => {
    const mine = await makeTeam(db);
    const theirs = await makeTeam(db);
    const svc = await makeService(db, theirs.id);
    const slo = await db.slo.create({
      data: { serviceId: svc.id, name: "availability", objective: 99.9, windowDays: 30 },
    });
    const token = await makeToken(db, ["ingest"], mine.id);
    const res = await request.post("/api/v1/sli", {
      headers: { authorization: `Bearer ${token}` },
      data: {
        service: svc.slug,
        slo: "availability",
        samples: [{ start: new Date(Date.now() - 600_000).toISOString(), good: 1, total: 1 }],
      },
    });
    expect(res.status()).toBe(403);
    expect(await db.sliSample.count({ where: { sloId: slo.id } })).toBe(0);
  });

  test("imports OpenSLO and Sloth YAML through the API, reporting bad documents by index", async ({ request, db }) => {
    const team = await makeTeam(db);
    const svc = await makeService(db, team.id);
    const token = await makeToken(db, ["admin"]);
    const yaml = `apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-latency }
spec:
  service: ${svc.slug}
  timeWindow: [{ duration: 4w, isRolling: true }]
  objectives: [{ target: 0.995 }]
---
version: "prometheus/v1"
service: "${svc.slug}"
slos:
  - { name: requests-availability, objective: 99.95, description: "HTTP availability" }
---
kind: SLO
metadata: { name: broken }
spec: { service: ${svc.slug}, timeWindow: [{ duration: 90d }], objectives: [{ target: 0.9 }] }`;
    const res = await request.post("/api/v1/slos/import", {
      headers: { authorization: `Bearer ${token}`, "content-type": "application/yaml" },
      data: yaml,
    });
    const body = await res.json();
    expect(body).toMatchObject({ created: 2, updated: 0, skipped: 0 });
    expect(body.errors).toEqual([{ index: 2, message: expect.stringContaining("90d") }]);
    const slos = await db.slo.findMany({
      where: { serviceId: svc.id },
      orderBy: { name: "asc" },
      select: { name: true, objective: true, windowDays: true },
    });
    expect(slos).toEqual([
      { name: "checkout-latency", objective: 99.5, windowDays: 28 },
      { name: "requests-availability", objective: 99.95, windowDays: 30 },
    ]);
  });
});

test.describe("SLO pages", () => {
  test("a user sees the burn-down of a burning SLO, then imports a Sloth file and sees its SLO appear", async ({
    page,
    db,
    signIn,
  }) => {
    // The demo's last hour burns at 30× the budget, sent now: the seed's own burn fades with the clock.
    const token = await makeToken(db, ["ingest"]);
    const step = 5 * 60_000;
    const lastEnd = Math.floor(Date.now() / step) * step;
    const samples = Array.from({ length: 12 }, (_, k) => ({
      start: new Date(lastEnd - (k + 1) * step).toISOString(),
      good: 9_700,
      total: 10_000,
    }));
    const sent = await page.request.post("/api/v1/sli", {
      headers: { authorization: `Bearer ${token}` },
      data: { service: "payments-api", slo: "availability", samples },
    });
    expect(sent.status()).toBe(201);
    await signIn(page, DEMO_USERS[0].email, DEMO_USERS[0].password);
    await page.goto("/services/payments-api/slos");
    const card = page.getByRole("region", { name: "SLO availability" });
    await expect(card.getByText("burning")).toBeVisible();
    await expect(card.getByText("Error-budget burn-down (30 days)")).toBeVisible();
    await expect(card.locator(".recharts-line").first()).toBeVisible();
    await expect(card.getByText("firing").first()).toBeVisible();
    await page.screenshot(shot("service-slos"));

    const team = await makeTeam(db);
    const svc = await makeService(db, team.id);
    const user = await makeUser(db, { role: "engineer", teamIds: [team.id] });
    await signIn(page, user.email, user.password);
    await page.goto(`/services/${svc.slug}/slos`);
    await expect(page.getByText("No SLOs yet")).toBeVisible();
    await page
      .getByLabel("…or paste YAML")
      .fill(
        `version: "prometheus/v1"\nservice: "${svc.slug}"\nslos:\n  - name: "requests-availability"\n    objective: 99.9\n    description: "Availability of HTTP requests."`,
      );
    await page.getByRole("button", { name: "Import SLOs" }).click();
    await expect(page.getByRole("region", { name: "SLO requests-availability" })).toBeVisible();
    await expect(
      page.getByRole("region", { name: "SLO requests-availability" }).getByText("no data", { exact: true }),
    ).toBeVisible();
  });

  test("an exhausted budget shows the service's error-budget policy, and the team overview lists SLOs worst first", async ({
    page,
    signIn,
  }) => {
    await signIn(page, DEMO_USERS[2].email, DEMO_USERS[2].password);
    await page.goto("/services/ledger/slos");
    await expect(page.getByText("Error budget exhausted: the error-budget policy applies")).toBeVisible();
    await expect(page.getByRole("note")).toContainText("stops feature releases");
    await page.goto("/teams/payments/slos");
    const statuses = await page.locator("tbody tr td:nth-child(3)").allInnerTexts();
    const rank = (s: string) => ["budget exhausted", "burning", "no data", "healthy"].indexOf(s.trim());
    expect(statuses.map(rank)).toEqual([...statuses.map(rank)].sort((a, b) => a - b));
    expect(statuses[0].trim()).toBe("budget exhausted");
    await page.screenshot(shot("team-slos"));
  });
});
