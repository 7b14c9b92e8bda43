// A seeded random source for the demo and benchmark data: the same seed gives the same data.
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

export class Random {
  private readonly rng: ReturnType<typeof xoroshiro128plus>;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return uniformInt(this.rng, 0, 0xffffffff) / 0x100000000;
  }

  int(min: number, max: number): number {
    return uniformInt(this.rng, min, max);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median; sigma 0.8 gives a realistic long tail for durations. */
  logNormal(median: number, sigma = 0.8): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson-distributed count (Knuth; fine for the small means used here). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.float();
    } while (p > limit);
    return k - 1;
  }

  /** A version-4-shaped UUID drawn from this source, so ids are reproducible too. */
  uuid(): string {
    const hex = Array.from({ length: 4 }, () => this.int(0, 0xffffffff).toString(16).padStart(8, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  sha(): string {
    return Array.from({ length: 5 }, () => this.int(0, 0xffffffff).toString(16).padStart(8, "0")).join("");
  }
}
