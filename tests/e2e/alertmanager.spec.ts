import { expect, makeTeam, makeToken, test } from "./fixtures";
import { makeService } from "../support/factories";
import { startAlertmanager } from "../support/alertmanager";

// Debian's Alertmanager, started on a loopback port, notifies the production server: an alert fires,
// then resolves, and exactly one incident results, with both times, counted in time to restore.
test("an alert that fires and resolves in a real Alertmanager becomes one incident with both times", async ({
  db,
  request,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const team = await makeTeam(db);
  const svc = await makeService(db, team.id);
  const am = await startAlertmanager(`${baseURL}/api/v1/webhooks/alertmanager`, "e2e-alertmanager-token");
  try {
    const startsAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 20 * 60_000);
    const labels = { alertname: "CheckoutErrors", service: svc.slug, severity: "critical" };
    const annotations = { summary: "Checkout 5xx above 2%" };
    await am.postAlerts([{ labels, annotations, startsAt: startsAt.toISOString() }]);
    await expect
      .poll(async () => db.incident.findMany({ where: { serviceId: svc.id } }), { timeout: 20_000 })
      .toEqual([
        expect.objectContaining({
          title: "Checkout 5xx above 2%",
          severity: "critical",
          source: "alertmanager",
          startedAt: startsAt,
          resolvedAt: null,
        }),
      ]);

    const endsAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 2_000);
    await am.postAlerts([{ labels, annotations, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() }]);
    await expect
      .poll(async () => (await db.incident.findMany({ where: { serviceId: svc.id } })).map((i) => i.resolvedAt), {
        timeout: 20_000,
      })
      .toEqual([endsAt]);
    const incidents = await db.incident.findMany({ where: { serviceId: svc.id } });
    expect(incidents).toHaveLength(1);
    expect(incidents[0].startedAt).toEqual(startsAt);

    // It counts in the service's time to restore: truncated minutes from start to resolve (CONTRACT §4).
    const dora = await request.get(`/api/v1/services/${svc.slug}/dora?benchmark=2021`, {
      headers: { authorization: `Bearer ${await makeToken(db, ["read"])}` },
    });
    expect(dora.status()).toBe(200);
    expect((await dora.json()).timeToRestore).toMatchObject({
      medianMinutes: Math.trunc((endsAt.getTime() - startsAt.getTime()) / 60_000),
      samples: 1,
    });
  } finally {
    await am.stop();
  }
});
