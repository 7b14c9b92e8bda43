import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { rebuildRollups, sloSums, sloWindows, windowSums, windowSumsMany, writeSamples } from "@/lib/slo/server/sli";
import {
  BURN_WINDOWS,
  DAY,
  evaluateFromSamples,
  evaluateSlo,
  sumRange,
  type BurnWindow,
  type Sample,
} from "@/lib/slo/domain/slo";
import { Random } from "@/prisma/seed/random";
import { makeService, makeTeam } from "../support/factories";

async function makeSlo(windowDays = 30) {
  const team = await makeTeam(prisma);
  const svc = await makeService(prisma, team.id);
  return prisma.slo.create({
    data: { serviceId: svc.id, name: "availability", objective: 99.9, windowDays },
    select: { id: true, windowDays: true, service: { select: { slug: true } } },
  });
}

/** Irregular samples: gaps, a few non-5-minute durations, starts that are not aligned. */
function randomSamples(rng: Random, at: number, days: number): Sample[] {
  const out: Sample[] = [];
  for (let t = at - days * DAY; t < at; t += 5 * 60_000) {
    if (rng.chance(0.07)) continue;
    const total = rng.int(0, 400);
    const durationSeconds = rng.chance(0.05) ? rng.pick([60, 120, 600, 3600]) : 300;
    out.push({
      start: new Date(t + (rng.chance(0.1) ? rng.int(1, 59) * 1000 : 0)),
      durationSeconds,
      good: total - Math.min(total, rng.poisson(0.3)),
      total,
    });
  }
  // drop duplicates of the same start (the later would replace the earlier)
  return [...new Map(out.map((s) => [s.start.getTime(), s])).values()];
}

describe("SLI rollups give the same sums as the raw samples", () => {
  for (const seed of [5, 6]) {
    it(`for every burn window and the SLO window, at aligned and unaligned instants (seed ${seed})`, async () => {
      const rng = new Random(seed);
      const slo = await makeSlo();
      const at = Date.UTC(2026, 10, 27, 12, 0, 0);
      const samples = randomSamples(rng, at, 33);
      for (let i = 0; i < samples.length; i += 2000) await writeSamples(slo.id, samples.slice(i, i + 2000));
      for (const instant of [at, at - 37 * 60_000 - 13_000, at - 2 * DAY - 3_600_000]) {
        const sums = await sloSums(slo.id, { windowDays: slo.windowDays }, new Date(instant));
        for (const w of Object.keys(BURN_WINDOWS) as BurnWindow[]) {
          expect(sums[w], `${w} at ${new Date(instant).toISOString()}`).toEqual(
            sumRange(samples, instant - BURN_WINDOWS[w], instant),
          );
        }
        expect(sums.window).toEqual(sumRange(samples, instant - 30 * DAY, instant));
        const def = { id: slo.id, service: slo.service.slug, name: "availability", objective: 99.9, windowDays: 30 };
        expect(evaluateSlo(def, sums)).toEqual(evaluateFromSamples(def, samples, new Date(instant)));
      }
      // arbitrary windows too, including ones shorter than an hour and ones ending mid-hour
      const windows = Array.from({ length: 20 }, (_, i) => {
        const to = at - rng.int(0, 20 * 24 * 60) * 60_000 - rng.int(0, 59_999);
        return { name: `w${i}`, from: to - rng.int(1, 6 * 24 * 60) * 60_000, to };
      });
      const got = await windowSums(slo.id, windows);
      for (const w of windows) expect(got[w.name], w.name).toEqual(sumRange(samples, w.from, w.to));
    });
  }

  it("for many SLOs at once, with different windows, some without data (the organisation's scorecards)", async () => {
    const rng = new Random(7);
    const at = Date.UTC(2026, 10, 27, 12, 34, 56, 789);
    const slos = await Promise.all([makeSlo(30), makeSlo(7), makeSlo(30), makeSlo(28)]);
    const samples = [randomSamples(rng, at, 33), randomSamples(rng, at, 9), [], randomSamples(rng, at, 2)];
    for (const [i, slo] of slos.entries()) if (samples[i].length) await writeSamples(slo.id, samples[i]);
    const many = await windowSumsMany(
      slos.map((slo) => ({ sloId: slo.id, windows: sloWindows({ windowDays: slo.windowDays }, new Date(at)) })),
    );
    for (const [i, slo] of slos.entries()) {
      const got = many.get(slo.id) ?? {};
      expect(Object.keys(got).sort()).toEqual([...Object.keys(BURN_WINDOWS), "window"].sort());
      for (const w of Object.keys(BURN_WINDOWS) as BurnWindow[])
        expect(got[w], `SLO ${i}, ${w}`).toEqual(sumRange(samples[i], at - BURN_WINDOWS[w], at));
      expect(got.window, `SLO ${i}, its window`).toEqual(sumRange(samples[i], at - slo.windowDays * DAY, at));
    }
  });

  it("keeps rollups right when samples are replaced, also by concurrent writers", async () => {
    const slo = await makeSlo();
    const start = new Date(Date.UTC(2026, 10, 27, 10, 0));
    await writeSamples(slo.id, [{ start, durationSeconds: 300, good: 90, total: 100 }]);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        writeSamples(slo.id, [{ start, durationSeconds: 300, good: 95 + (i % 3), total: 100 }]),
      ),
    );
    const sample = await prisma.sliSample.findUniqueOrThrow({ where: { sloId_start: { sloId: slo.id, start } } });
    const hour = await prisma.sliRollup.findUniqueOrThrow({
      where: {
        sloId_granularity_bucket: { sloId: slo.id, granularity: "hour", bucket: new Date(Date.UTC(2026, 10, 27, 10)) },
      },
    });
    const day = await prisma.sliRollup.findUniqueOrThrow({
      where: {
        sloId_granularity_bucket: { sloId: slo.id, granularity: "day", bucket: new Date(Date.UTC(2026, 10, 27)) },
      },
    });
    expect([hour.good, hour.total]).toEqual([sample.good, sample.total]);
    expect([day.good, day.total]).toEqual([sample.good, sample.total]);
    expect(await prisma.sliSample.count({ where: { sloId: slo.id } })).toBe(1);
  });

  it("puts a sample ending on the hour into the hour before", async () => {
    const slo = await makeSlo();
    await writeSamples(slo.id, [
      { start: new Date(Date.UTC(2026, 10, 27, 10, 55)), durationSeconds: 300, good: 1, total: 2 },
    ]);
    const rows = await prisma.sliRollup.findMany({ where: { sloId: slo.id, granularity: "hour" } });
    expect(rows.map((r) => r.bucket.toISOString())).toEqual(["2026-11-27T10:00:00.000Z"]);
  });

  it("rebuilds rollups from raw samples to the same values", async () => {
    const slo = await makeSlo();
    const rng = new Random(9);
    const samples = randomSamples(rng, Date.UTC(2026, 10, 27), 3);
    await writeSamples(slo.id, samples);
    const before = await prisma.sliRollup.findMany({
      where: { sloId: slo.id },
      orderBy: [{ granularity: "asc" }, { bucket: "asc" }],
    });
    await rebuildRollups([slo.id]);
    const after = await prisma.sliRollup.findMany({
      where: { sloId: slo.id },
      orderBy: [{ granularity: "asc" }, { bucket: "asc" }],
    });
    expect(after.filter((r) => r.total > 0n || r.good > 0n)).toEqual(before.filter((r) => r.total > 0n || r.good > 0n));
  });
});
