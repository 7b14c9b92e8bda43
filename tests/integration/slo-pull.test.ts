import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { checkSloAlerts, createWebhook } from "@/lib/notifications/server";
import {
  createSlo,
  evaluate,
  getSloSource,
  importSloYaml,
  pullAllSources,
  pullSource,
  recordSli,
  setSloSource,
} from "@/lib/slo/server";
import { actorFor, makeService, makeTeam, makeUser } from "../support/factories";
import {
  API_ERROR_QUERY,
  API_TOTAL_QUERY,
  errorBurstHistory,
  freePort,
  startPrometheus,
  type RunningPrometheus,
} from "../support/prometheus";

// Pulled SLIs against Debian's real Prometheus, loaded with a known history by promtool. The
// history: three days of 2 good requests per second, and in its last hour 1 failing request per
// second more. Every expected figure below is worked out by hand from those rates.

const now = new Date();
const nowS = Math.floor(now.getTime() / 1000);
/** The history ends ten minutes ago, on a 5-minute boundary. */
const end = Math.floor(nowS / 300) * 300 - 600;
const ERROR_QUERY = API_ERROR_QUERY;
const TOTAL_QUERY = API_TOTAL_QUERY;

// By hand. A bucket ending at t holds the requests of (t − 5m, t]. Buckets end from start + 5m (the
// first with two samples) to `end`: 864 of them. The last 12 (the final hour) hold 600 good and 300
// failed requests; the others 600 good.
const BUCKETS = (3 * 86_400) / 300;
const TOTAL = (BUCKETS - 12) * 600 + 12 * 900; // 522,000
const FAILED = 12 * 300; // 3,600

let prom: RunningPrometheus;
let platform: ReturnType<typeof actorFor>;

beforeAll(async () => {
  prom = await startPrometheus(errorBurstHistory(end));
  platform = actorFor(await makeUser(prisma, { role: "platform" }));
}, 60_000);
afterAll(() => prom?.stop());

async function sloWithSource(objective: number, queries: { errorQuery: string; totalQuery: string }, url = prom.url) {
  const team = await makeTeam(prisma);
  const svc = await makeService(prisma, team.id);
  const slo = await createSlo({ service: svc.slug, name: "availability", objective, windowDays: 7 }, SYSTEM_ACTOR);
  await setSloSource(slo!.id, { url, ...queries }, platform);
  return { team, svc, slo: slo! };
}

describe("SLIs pulled from a real Prometheus", () => {
  it("backfill the history as 5-minute samples whose budget and burn rates equal the hand-computed ones", async () => {
    const { slo } = await sloWithSource(99, { errorQuery: ERROR_QUERY, totalQuery: TOTAL_QUERY });
    const outcome = await pullSource(slo.id, now);
    expect(outcome).toMatchObject({ ok: true, written: BUCKETS });
    const sums = await prisma.sliSample.aggregate({
      where: { sloId: slo.id },
      _sum: { good: true, total: true },
      _count: true,
    });
    expect(sums).toEqual({ _count: BUCKETS, _sum: { good: BigInt(TOTAL - FAILED), total: BigInt(TOTAL) } });

    const e = await evaluate(SYSTEM_ACTOR, slo, new Date(end * 1000));
    // budget 1%; error ratio 3,600 / 522,000
    expect(e.window).toEqual({ good: TOTAL - FAILED, total: TOTAL, errorRatio: FAILED / TOTAL });
    expect(e.remaining).toBeCloseTo(1 - FAILED / TOTAL / 0.01, 12); // 0.310345…
    expect(e.burnRates["5m"]).toBeCloseTo(300 / 900 / 0.01, 9); // 33.33: the last bucket is ⅓ failures
    expect(e.burnRates["1h"]).toBeCloseTo(3600 / 10_800 / 0.01, 9); // 33.33
    expect(e.burnRates["6h"]).toBeCloseTo(3600 / (60 * 600 + 10_800) / 0.01, 9); // 7.69
    expect(e.status).toBe("burning");

    // Nothing after the history's end: the cursor waits at its first gap, so it is read again.
    const source = await getSloSource(slo.id, SYSTEM_ACTOR);
    expect(source).toMatchObject({ readUntil: new Date(end * 1000).toISOString(), lastError: null });
    expect(source?.lastSuccessAt).toBe(now.toISOString());
  });

  it("re-reads idempotently: a second run changes no sum", async () => {
    const { slo } = await sloWithSource(99.5, { errorQuery: ERROR_QUERY, totalQuery: TOTAL_QUERY });
    await pullSource(slo.id, now);
    const later = new Date(now.getTime() + 5 * 60_000);
    const again = await pullSource(slo.id, later);
    expect(again).toMatchObject({ ok: true });
    // the second run started at the held cursor, not at the start of the retention
    if (again.ok) expect(again.from.getTime()).toBeLessThanOrEqual(end * 1000);
    const sums = await prisma.sliSample.aggregate({ where: { sloId: slo.id }, _sum: { total: true }, _count: true });
    expect(sums).toEqual({ _count: BUCKETS, _sum: { total: BigInt(TOTAL) } });
  });

  it("keep a query error on its SLO with the last success, and never stop the other sources", async () => {
    const good = await sloWithSource(99, { errorQuery: ERROR_QUERY, totalQuery: TOTAL_QUERY });
    await pullSource(good.slo.id, now);
    const broken = await sloWithSource(99, { errorQuery: "sum(rate(http_requests_total[", totalQuery: TOTAL_QUERY });
    const down = await sloWithSource(
      99,
      { errorQuery: ERROR_QUERY, totalQuery: TOTAL_QUERY },
      `http://127.0.0.1:${await freePort()}`,
    );
    const later = new Date(now.getTime() + 60_000);
    const run = await pullAllSources(later);
    expect(run.failed).toBeGreaterThanOrEqual(2);

    const b = await getSloSource(broken.slo.id, SYSTEM_ACTOR);
    expect(b?.lastError).toMatch(/^Prometheus refused the query \(400\): .*parse error/);
    expect(b).toMatchObject({ lastErrorAt: later.toISOString(), lastSuccessAt: null, readUntil: null });
    const d = await getSloSource(down.slo.id, SYSTEM_ACTOR);
    expect(d?.lastError).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/);
    const g = await getSloSource(good.slo.id, SYSTEM_ACTOR);
    expect(g).toMatchObject({ lastError: null, lastSuccessAt: later.toISOString() });
  });

  it("turn an imported Sloth spec into a pulled SLO with its own queries", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const spec = [
      'version: "prometheus/v1"',
      `service: ${svc.slug}`,
      "slos:",
      "  - name: requests-availability",
      "    objective: 99",
      "    sli:",
      "      events:",
      `        errorQuery: '${ERROR_QUERY}'`,
      `        totalQuery: '${TOTAL_QUERY}'`,
      "    alerting:",
      "      name: ApiHighErrorRate",
    ].join("\n");
    const result = await importSloYaml(spec, platform, { prometheusUrl: prom.url });
    expect(result).toMatchObject({ created: 1, withQueries: 1, errors: [] });
    const slo = await prisma.slo.findFirstOrThrow({
      where: { serviceId: svc.id },
      include: { service: { select: { slug: true, teamId: true } } },
    });
    expect(await getSloSource(slo.id, SYSTEM_ACTOR)).toMatchObject({
      url: prom.url,
      errorQuery: ERROR_QUERY,
      totalQuery: TOTAL_QUERY,
      goodQuery: null,
    });
    expect(await pullSource(slo.id, now)).toMatchObject({ ok: true, written: BUCKETS });
    const e = await evaluate(SYSTEM_ACTOR, slo, new Date(end * 1000));
    expect(e.remaining).toBeCloseTo(1 - FAILED / TOTAL / 0.01, 12);
    // Importing the same file again changes nothing.
    expect(await importSloYaml(spec, platform)).toMatchObject({ created: 0, updated: 0, skipped: 1 });
  });

  it("refuse a Prometheus URL named in an import by anyone but the platform team", async () => {
    const team = await makeTeam(prisma);
    const engineer = await makeUser(prisma, { role: "engineer", teamIds: [team.id] });
    await expect(
      importSloYaml("version: prometheus/v1\nservice: x\nslos: []\n", actorFor(engineer, [team.id]), {
        prometheusUrl: prom.url,
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("SLO alerts keep up with the data", () => {
  it("notify when a pull turns an SLO from healthy to burning, once", async () => {
    process.env.SHIPSHAPE_ALLOW_PRIVATE_WEBHOOKS = "1";
    const { team, slo } = await sloWithSource(99, { errorQuery: ERROR_QUERY, totalQuery: TOTAL_QUERY });
    await createWebhook(
      { name: "slo pages", url: "http://127.0.0.1:9/hook", teamId: team.id, events: ["slo.burning"] },
      platform,
    );
    await prisma.watchState.create({ data: { key: `slo:${slo.id}`, value: "healthy" } });
    await pullSource(slo.id, new Date(end * 1000 + 90_000));
    await checkSloAlerts(new Date(end * 1000 + 90_000));
    const deliveries = () =>
      prisma.notificationDelivery.findMany({
        where: { event: "slo.burning", webhook: { teamId: team.id } },
        select: { payload: true },
      });
    expect(await deliveries()).toHaveLength(1);
    expect((await deliveries())[0].payload).toMatchObject({ data: { from: "healthy", to: "burning" } });
    expect(await prisma.watchState.findUnique({ where: { key: `slo:${slo.id}` } })).toMatchObject({ value: "burning" });
    // Checked: nothing is due until new samples arrive, and the same state never notifies twice.
    await checkSloAlerts(new Date(end * 1000 + 150_000));
    expect(await deliveries()).toHaveLength(1);
  });

  it("re-evaluate an SLO after pushed samples too, within the next check", async () => {
    const team = await makeTeam(prisma);
    const svc = await makeService(prisma, team.id);
    const slo = (await createSlo({ service: svc.slug, name: "pushed", objective: 99.9, windowDays: 7 }, SYSTEM_ACTOR))!;
    const at = new Date(Math.floor(Date.now() / 300_000) * 300_000);
    await recordSli(
      {
        service: svc.slug,
        slo: "pushed",
        samples: [{ start: new Date(at.getTime() - 300_000).toISOString(), durationSeconds: 300, good: 10, total: 10 }],
      },
      SYSTEM_ACTOR,
    );
    const marked = await prisma.slo.findUniqueOrThrow({ where: { id: slo.id } });
    expect(marked.samplesChangedAt).not.toBeNull();
    await checkSloAlerts(at);
    const checked = await prisma.slo.findUniqueOrThrow({ where: { id: slo.id } });
    expect(checked.alertsCheckedAt!.getTime()).toBeGreaterThanOrEqual(marked.samplesChangedAt!.getTime());
    expect(await prisma.watchState.findUnique({ where: { key: `slo:${slo.id}` } })).toMatchObject({ value: "healthy" });
  });
});
