import crypto from "node:crypto";
import { expect, makeTeam, makeToken, test } from "./fixtures";
import { makeService, uniq } from "../support/factories";

const sign = (secret: string, body: string) => crypto.createHmac("sha256", secret).update(body).digest("hex");

test.describe("delivery ingestion and DORA API", () => {
  test("a hand-computed scenario gives exactly the expected DORA object", async ({ request, db }) => {
    const team = await makeTeam(db);
    const svc = await makeService(db, team.id);
    const token = await makeToken(db, ["ingest", "read"]);
    const headers = { authorization: `Bearer ${token}` };
    const d = (externalId: string, finishedAt: string, extra: Record<string, unknown> = {}) => ({
      externalId,
      service: svc.slug,
      environment: "production",
      status: "success",
      finishedAt,
      ...extra,
    });
    const posted = await request.post("/api/v1/deployments", {
      headers,
      data: {
        deployments: [
          d("d1", "2026-01-05T10:00:00Z", {
            rework: true,
            commits: [{ sha: "c1c1c1c1", authoredAt: "2026-01-05T08:00:00Z" }],
          }),
          d("d2", "2026-01-06T10:00:00Z", {
            commits: [
              { sha: "c1c1c1c1", authoredAt: "2026-01-05T08:00:00Z" },
              { sha: "c2c2c2c2", authoredAt: "2026-01-06T09:30:00Z" },
            ],
          }),
          d("d3", "2026-01-12T12:00:00Z", {
            pullRequests: [
              {
                number: 7,
                firstCommitAt: "2026-01-11T12:00:00Z",
                openedAt: "2026-01-12T09:00:00Z",
                mergedAt: "2026-01-12T11:00:00Z",
              },
            ],
          }),
          d("d4", "2026-01-13T12:00:00Z", { status: "FAILURE" }),
          d("d5", "2026-01-14T09:00:00Z", { environment: "Staging" }),
        ],
      },
    });
    expect(posted.status()).toBe(201);
    expect(await posted.json()).toEqual({ created: 5, duplicates: 0 });
    const incidents = await request.post("/api/v1/incidents", {
      headers,
      data: {
        incidents: [
          {
            externalId: "i1",
            service: svc.slug,
            title: "Errors",
            startedAt: "2026-01-06T11:00:00Z",
            resolvedAt: "2026-01-06T12:30:00Z",
          },
          {
            externalId: "i2",
            service: svc.slug,
            title: "Latency",
            startedAt: "2026-01-12T13:00:00Z",
            resolvedAt: "2026-01-12T13:30:00Z",
            causedByDeployment: "d3",
          },
        ],
      },
    });
    expect(await incidents.json()).toEqual({ created: 2, updated: 0 });

    const res = await request.get(`/api/v1/services/${svc.slug}/dora?from=2026-01-05&to=2026-01-19`, { headers });
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({
      scope: { service: svc.slug },
      from: "2026-01-05T00:00:00.000Z",
      to: "2026-01-19T00:00:00.000Z",
      benchmark: "2023",
      // deploy days 01-05, 01-06 (week 1) and 01-12 (week 2): weekly [2, 1] → lower median 1
      deploymentFrequency: {
        deployments: 3,
        deployDays: 3,
        medianDeployDaysPerWeek: 1,
        medianDeployDaysPerMonth: 3,
        band: "high",
      },
      // samples: c1 120 min, c2 30 min (c1 shipped already), PR 1260 + 120 + 60 = 1440 → [30, 120, 1440] → 120
      leadTimeForChanges: {
        medianMinutes: 120,
        samples: 3,
        band: "elite",
        codingMinutes: 1260,
        reviewMinutes: 120,
        deployMinutes: 60,
      },
      changeFailureRate: { failedDeployments: 2, deployments: 3, ratio: 0.6667, band: "low" },
      // i1 from d2 (time rule): 150 min; i2 from d3 (explicit): 90 min → 90
      failedDeploymentRecoveryTime: { medianMinutes: 90, samples: 2, openIncidents: 0, band: "high" },
      timeToRestore: { medianMinutes: 30, samples: 2, band: "elite" },
      reworkRate: { ratio: 0.3333 },
      linkedBy: { explicit: 1, time: 1 },
      warnings: [],
    });
    const team2021 = await request.get(`/api/v1/teams/${team.slug}/dora?from=2026-01-05&to=2026-01-19&benchmark=2021`, {
      headers,
    });
    const body = await team2021.json();
    expect(body).toMatchObject({
      scope: { team: team.slug },
      benchmark: "2021",
      leadTimeForChanges: { medianMinutes: 120, band: "high" },
      changeFailureRate: { band: "low" },
    });
  });

  test("a deployment that names the one it fixes makes that one failed and itself rework", async ({ request, db }) => {
    const team = await makeTeam(db);
    const svc = await makeService(db, team.id);
    const token = await makeToken(db, ["ingest", "read"]);
    const headers = { authorization: `Bearer ${token}` };
    const d = (externalId: string, finishedAt: string, extra: Record<string, unknown> = {}) => ({
      externalId,
      service: svc.slug,
      environment: "production",
      status: "success",
      finishedAt,
      ...extra,
    });
    const self = await request.post("/api/v1/deployments", {
      headers,
      data: { deployments: [d("r1", "2026-01-05T10:00:00Z"), d("r2", "2026-01-05T11:00:00Z", { fixes: "r2" })] },
    });
    expect(self.status()).toBe(400);
    expect((await self.json()).error.details).toEqual([
      { path: "deployments.1.fixes", message: "must name another deployment, not this one" },
    ]);
    const posted = await request.post("/api/v1/deployments", {
      headers,
      data: {
        deployments: [
          d("r1", "2026-01-05T10:00:00Z"),
          d("r2", "2026-01-05T11:00:00Z", { fixes: "r1" }),
          d("r3", "2026-01-06T10:00:00Z"),
          d("r4", "2026-01-07T10:00:00Z"),
        ],
      },
    });
    expect(await posted.json()).toEqual({ created: 4, duplicates: 0 });
    const dora = await (
      await request.get(`/api/v1/services/${svc.slug}/dora?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z`, {
        headers,
      })
    ).json();
    // r1 fixed by r2: 1 of 4 failed; r2 is rework: 1 of 4.
    expect(dora.changeFailureRate).toMatchObject({ failedDeployments: 1, deployments: 4, ratio: 0.25 });
    expect(dora.reworkRate).toEqual({ ratio: 0.25 });
  });

  test("no data is null with warnings, never zero", async ({ request, db }) => {
    const team = await makeTeam(db);
    const svc = await makeService(db, team.id);
    const token = await makeToken(db, ["read"]);
    const body = await (
      await request.get(`/api/v1/services/${svc.slug}/dora`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(body.deploymentFrequency).toMatchObject({ deployments: 0, medianDeployDaysPerWeek: null, band: null });
    expect(body.leadTimeForChanges.medianMinutes).toBeNull();
    expect(body.changeFailureRate.ratio).toBeNull();
    expect(body.warnings.length).toBeGreaterThan(0);
    const bad = await request.get(`/api/v1/services/${svc.slug}/dora?from=2026-03-01&to=2026-01-01`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe("from");
  });

  test("an invalid batch item gets 400 with its path and nothing is written; single items keep short paths", async ({
    request,
    db,
  }) => {
    const team = await makeTeam(db);
    const svc = await makeService(db, team.id);
    const token = await makeToken(db, ["ingest"]);
    const headers = { authorization: `Bearer ${token}` };
    const good = {
      externalId: "ok",
      service: svc.slug,
      environment: "production",
      status: "success",
      finishedAt: "2026-01-05T10:07:00Z",
    };
    const batch = await request.post("/api/v1/deployments", {
      headers,
      data: { deployments: [good, good, good, { ...good, externalId: "bad", finishedAt: "soon" }] },
    });
    expect(batch.status()).toBe(400);
    expect((await batch.json()).error).toEqual({
      code: "validation_failed",
      message: "1 field is invalid",
      details: [{ path: "deployments.3.finishedAt", message: "must be an ISO-8601 date-time" }],
    });
    const single = await request.post("/api/v1/deployments", { headers, data: { ...good, status: "maybe" } });
    expect((await single.json()).error.details[0].path).toBe("status");
    expect(await db.deployment.count({ where: { serviceId: svc.id } })).toBe(0);
    const tooMany = await request.post("/api/v1/deployments", {
      headers,
      data: { deployments: Array.from({ length: 1001 }, (_, i) => ({ ...good, externalId: `x${i}` })) },
    });
    expect(tooMany.status()).toBe(400);
    const wrongType = await request.post("/api/v1/deployments", {
      headers: { ...headers, "content-type": "text/plain" },
      data: "x",
    });
    expect(wrongType.status()).toBe(415);
    const big = await request.post("/api/v1/deployments", {
      headers: { ...headers, "content-type": "application/json" },
      data: JSON.stringify({ deployments: [{ ...good, externalId: "y".repeat(1_100_000) }] }),
    });
    expect(big.status()).toBe(413);
  });

  test("a team-bound ingest token gets 403 for another team's service, and nothing is written", async ({
    request,
    db,
  }) => {
    const mine = await makeTeam(db);
    const theirs = await makeTeam(db);
    const a = await makeService(db, mine.id);
    const b = await makeService(db, theirs.id);
    const token = await makeToken(db, ["ingest"], mine.id);
    const base = { environment: "production", status: "success", finishedAt: "2026-01-05T10:07:00Z" };
    const res = await request.post("/api/v1/deployments", {
      headers: { authorization: `Bearer ${token}` },
      data: {
        deployments: [
          { ...base, externalId: "a1", service: a.slug },
          { ...base, externalId: "b1", service: b.slug },
        ],
      },
    });
    expect(res.status()).toBe(403);
    expect(await db.deployment.count({ where: { serviceId: { in: [a.id, b.id] } } })).toBe(0);
  });

  test("GitHub and PagerDuty webhooks check signatures, ignore replays and keep unmatched events", async ({
    request,
    db,
  }) => {
    const team = await makeTeam(db);
    const repo = `acme/${uniq("webhook")}`;
    const pd = uniq("PDSVC").toUpperCase();
    const svc = await db.service.create({
      data: {
        slug: uniq("hooked"),
        name: "Hooked",
        teamId: team.id,
        tier: 2,
        lifecycle: "production",
        repoSlug: `github.com/${repo}`,
        pagerdutyServiceId: pd,
      },
    });
    const gh = JSON.stringify({
      deployment_status: { state: "success", created_at: "2026-02-01T10:07:00Z" },
      deployment: { id: 4242, sha: "abcdef12", environment: "production", created_at: "2026-02-01T10:00:00Z" },
      repository: { full_name: repo },
    });
    const ghHeaders = (sig: string, delivery: string) => ({
      "content-type": "application/json",
      "x-github-event": "deployment_status",
      "x-github-delivery": delivery,
      "x-hub-signature-256": `sha256=${sig}`,
    });
    const delivery = uniq("delivery");
    const forged = await request.post("/api/v1/webhooks/github", {
      headers: ghHeaders(sign("wrong", gh), delivery),
      data: gh,
    });
    expect(forged.status()).toBe(401);
    const ok = await request.post("/api/v1/webhooks/github", {
      headers: ghHeaders(sign("e2e-github-secret", gh), delivery),
      data: gh,
    });
    expect(ok.status()).toBe(201);
    const replay = await request.post("/api/v1/webhooks/github", {
      headers: ghHeaders(sign("e2e-github-secret", gh), delivery),
      data: gh,
    });
    expect(await replay.json()).toEqual({ status: "duplicate" });
    expect(await db.deployment.count({ where: { serviceId: svc.id } })).toBe(1);

    const orphan = gh.replace(repo, "acme/nobody-owns-this");
    const kept = await request.post("/api/v1/webhooks/github", {
      headers: ghHeaders(sign("e2e-github-secret", orphan), uniq("delivery")),
      data: orphan,
    });
    expect(kept.status()).toBe(202);
    expect((await kept.json()).status).toBe("unmatched");

    const pdBody = JSON.stringify({
      event: {
        id: uniq("evt"),
        event_type: "incident.triggered",
        occurred_at: "2026-02-01T11:00:00Z",
        data: { id: "QE2E", title: "Down", created_at: "2026-02-01T11:00:00Z", service: { id: pd } },
      },
    });
    const pdRes = await request.post("/api/v1/webhooks/pagerduty", {
      headers: {
        "content-type": "application/json",
        "x-pagerduty-signature": `v1=${sign("e2e-pagerduty-secret", pdBody)}`,
      },
      data: pdBody,
    });
    expect(pdRes.status()).toBe(201);
    const pdBad = await request.post("/api/v1/webhooks/pagerduty", {
      headers: { "content-type": "application/json", "x-pagerduty-signature": "v1=00" },
      data: pdBody,
    });
    expect(pdBad.status()).toBe(401);
    expect(await db.incident.count({ where: { serviceId: svc.id } })).toBe(1);
  });
});

test.describe("webhooks as the vendors send them", () => {
  test("GitHub's form-encoded default is accepted, other content types get 415, and PagerDuty's ping is acknowledged and counted", async ({
    request,
    db,
  }) => {
    const team = await makeTeam(db);
    const repo = `acme/${uniq("formhook")}`;
    const svc = await db.service.create({
      data: {
        slug: uniq("form"),
        name: "Form",
        teamId: team.id,
        tier: 2,
        lifecycle: "production",
        repoSlug: `github.com/${repo}`,
      },
    });
    const json = JSON.stringify({
      action: "created",
      deployment_status: { id: 1, state: "success", created_at: "2026-02-03T10:07:00Z" },
      deployment: { id: 777001, sha: "cafe1234", environment: "production", created_at: "2026-02-03T10:00:00Z" },
      repository: { full_name: repo, html_url: `https://github.com/${repo}` },
    });
    const form = `payload=${encodeURIComponent(json)}`;
    const headers = (body: string, contentType: string) => ({
      "content-type": contentType,
      "x-github-event": "deployment_status",
      "x-github-delivery": uniq("delivery"),
      "x-hub-signature-256": `sha256=${sign("e2e-github-secret", body)}`,
    });
    const formRes = await request.post("/api/v1/webhooks/github", {
      headers: headers(form, "application/x-www-form-urlencoded"),
      data: form,
    });
    expect(formRes.status()).toBe(201);
    expect(await db.deployment.count({ where: { serviceId: svc.id } })).toBe(1);

    const plain = await request.post("/api/v1/webhooks/github", { headers: headers(json, "text/plain"), data: json });
    expect(plain.status()).toBe(415);
    expect((await plain.json()).error.message).toMatch(/application\/json|x-www-form-urlencoded/);

    const metricsBefore = await ignoredPagerdutyCount(request);
    const ping = JSON.stringify({
      event: {
        id: uniq("01PING"),
        event_type: "pagey.ping",
        resource_type: "pagey",
        occurred_at: "2026-02-03T03:00:55.532Z",
        agent: null,
        client: null,
        data: { message: "Hello from your friend Pagey!", type: "ping" },
      },
    });
    const pingRes = await request.post("/api/v1/webhooks/pagerduty", {
      headers: {
        "content-type": "application/json",
        "x-pagerduty-signature": `v1=${sign("e2e-pagerduty-secret", ping)}`,
      },
      data: ping,
    });
    expect(pingRes.status()).toBe(202);
    expect(await pingRes.json()).toEqual({ status: "ignored", detail: "event pagey.ping is not used" });
    expect(await ignoredPagerdutyCount(request)).toBe(metricsBefore + 1);
  });
});

async function ignoredPagerdutyCount(request: import("@playwright/test").APIRequestContext): Promise<number> {
  const text = await (await request.get("/metrics", { headers: { authorization: "Bearer e2e-metrics-token" } })).text();
  const line = text
    .split("\n")
    .find(
      (l) =>
        l.startsWith("shipshape_events_ingested_total{") &&
        l.includes('kind="pagerduty_delivery"') &&
        l.includes('result="ignored"'),
    );
  return line ? Number(line.split(" ").pop()) : 0;
}
