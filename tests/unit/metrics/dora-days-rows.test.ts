import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketRows, parseBuckets, parseIncidents } from "@/lib/delivery/server/dora-days-rows";

// The organisation pages read samples and incidents as text (lib/delivery/server/dora-days.ts) and
// parse them in one pass over the characters: what PostgreSQL prints must come back exactly.

const instant = fc.option(fc.integer({ min: -62_000_000_000_000, max: 8_000_000_000_000 }), { nil: null });
const incident = fc.record({
  started: instant,
  resolved: instant,
  finished: instant,
  link: fc.constantFrom("", "e", "t"),
});
// As keyIncidentsSql prints them: concat_ws(':', …) with '' for unknown instants.
const printed = (
  list: Array<{ started: number | null; resolved: number | null; finished: number | null; link: string }>,
) => list.map((i) => [i.started ?? "", i.resolved ?? "", i.finished ?? "", i.link].join(":")).join(",");

describe("the organisation pages' text columns", () => {
  it("read every incident's instants and link back exactly, unknown instants as NaN", () => {
    fc.assert(
      fc.property(fc.array(incident, { minLength: 1, maxLength: 40 }), (list) => {
        const parsed = parseIncidents([{ key: "k", incidents: printed(list) }]).get("k");
        expect(parsed).toBeDefined();
        const back = list.map((_, i) => ({
          started: parsed!.started[i],
          resolved: parsed!.resolved[i],
          finished: parsed!.finished[i],
          link: ["", "e", "t"][parsed!.link[i]],
        }));
        expect(back).toEqual(
          list.map((i) => ({
            started: i.started ?? Number.NaN,
            resolved: i.resolved ?? Number.NaN,
            finished: i.finished ?? Number.NaN,
            link: i.link,
          })),
        );
      }),
    );
  });

  it("read every sample back, and take the same lower median as a sort", () => {
    const window = { from: new Date(Date.UTC(2026, 0, 5)), to: new Date(Date.UTC(2026, 1, 2)) };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 1, maxLength: 300 }), (samples) => {
        const [row] = bucketRows(
          parseBuckets([
            {
              key: "k",
              bucket: 1,
              deployments: samples.length,
              rework: 0,
              failed: 0,
              undated: 0,
              prs: 0,
              days: "20458",
              lead: samples.join(","),
              coding: null,
              review: null,
              deploy: null,
            },
          ]),
          { window, group: (key) => key },
          [window.from.getTime(), window.to.getTime()],
        ).values();
        const sorted = [...samples].sort((a, b) => a - b);
        expect(row.samples).toBe(samples.length);
        expect(row.median).toBe(sorted[Math.ceil(sorted.length / 2) - 1]);
      }),
    );
  });
});
