import { describe, expect, it } from "vitest";
import { Random } from "@/prisma/seed/random";

describe("seeded random source", () => {
  it("repeats the same sequence for the same seed and differs for another", () => {
    const draw = (seed: number) => {
      const r = new Random(seed);
      return [r.float(), r.int(1, 100), r.uuid(), r.sha()];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it("produces valid v4-shaped UUIDs and values in range", () => {
    const r = new Random(1);
    for (let i = 0; i < 200; i++) {
      expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const f = r.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      expect(r.poisson(2)).toBeGreaterThanOrEqual(0);
    }
  });

  it("has the mean it is asked for (Poisson, 20k draws)", () => {
    const r = new Random(3);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += r.poisson(3);
    expect(sum / 20_000).toBeGreaterThan(2.9);
    expect(sum / 20_000).toBeLessThan(3.1);
  });
});
