import { expect, makeTeam, makeToken, makeUser, shot, test } from "./fixtures";
import { makeService } from "../support/factories";
import { API_ERROR_QUERY, API_TOTAL_QUERY, errorBurstHistory, startPrometheus } from "../support/prometheus";

// A pulled SLO end to end: Debian's Prometheus on a loopback port with a known history, connected
// over the API, pulled, evaluated, and shown on the service's SLOs tab.
test("an SLO connected to a real Prometheus pulls its history and shows where it reads from", async ({
  request,
  db,
  page,
  signIn,
}) => {
  const end = Math.floor(Date.now() / 300_000) * 300 - 600;
  const prom = await startPrometheus(errorBurstHistory(end));
  try {
    const team = await makeTeam(db);
    const svc = await makeService(db, team.id);
    const headers = { authorization: `Bearer ${await makeToken(db, ["admin", "read", "ingest"])}` };
    const created = await request.post("/api/v1/slos", {
      headers,
      data: { service: svc.slug, name: "availability", objective: 99, windowDays: 7 },
    });
    const slo = await created.json();
    const bad = await request.put(`/api/v1/slos/${slo.id}/source`, {
      headers,
      data: { url: prom.url, errorQuery: API_ERROR_QUERY, goodQuery: "x", totalQuery: API_TOTAL_QUERY },
    });
    expect(bad.status()).toBe(400);
    expect(await db.sloSource.count({ where: { sloId: slo.id } })).toBe(0);

    const ingestOnly = { authorization: `Bearer ${await makeToken(db, ["ingest"])}` };
    const refused = await request.put(`/api/v1/slos/${slo.id}/source`, {
      headers: ingestOnly,
      data: { url: prom.url, errorQuery: API_ERROR_QUERY, totalQuery: API_TOTAL_QUERY },
    });
    expect(refused.status()).toBe(403);

    const put = await request.put(`/api/v1/slos/${slo.id}/source`, {
      headers,
      data: {
        url: prom.url,
        authorization: "Bearer not-shown-again",
        errorQuery: API_ERROR_QUERY,
        totalQuery: API_TOTAL_QUERY,
      },
    });
    expect(put.status()).toBe(200);
    const source = await put.json();
    expect(source).toMatchObject({ url: prom.url, hasAuthorization: true, errorQuery: API_ERROR_QUERY });
    expect(JSON.stringify(source)).not.toContain("not-shown-again");

    const pulled = await request.post(`/api/v1/slos/${slo.id}/source/pull`, { headers });
    expect(pulled.status()).toBe(200);
    expect(await pulled.json()).toMatchObject({ ok: true, written: 864 });

    const at = new Date(end * 1000).toISOString();
    const slos = await (await request.get(`/api/v1/services/${svc.slug}/slos?at=${at}`, { headers })).json();
    const evaluated = (Array.isArray(slos) ? slos : slos.slos)[0];
    // 3,600 failed of 522,000 against a 1% budget (worked out in tests/integration/slo-pull.test.ts);
    // the API gives fractions to six places.
    expect(evaluated.remaining).toBeCloseTo(1 - 3600 / 522_000 / 0.01, 5);
    expect(evaluated.status).toBe("burning");

    const user = await makeUser(db, { role: "engineer", teamIds: [team.id] });
    await signIn(page, user.email, user.password);
    await page.goto(`/services/${svc.slug}/slos`);
    const note = page.getByRole("note", { name: "SLI source" });
    await expect(note).toContainText("Pulled from Prometheus");
    await expect(note).toContainText(prom.url);
    await expect(note).toContainText("last read");
    await page.screenshot(shot("service-slos-pulled"));
  } finally {
    await prom.stop();
  }
});
