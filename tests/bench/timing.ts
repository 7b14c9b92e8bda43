// Timing the cases: each request's first (cold) time, then p50 and p95 over warm runs, beside its
// floor timed the same way in the same run.
import { BENCH_CASES, type BenchContext } from "./cases";
import { percentile, say } from "./setup";

export type Timing = { p50: number; p95: number };

export async function time(fn: () => Promise<unknown>, runs: number, warmup: number): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const once = async (fn: () => Promise<unknown>) => (await time(fn, 1, 0)).p50;

export type CaseResult = {
  name: string;
  runs: number;
  /** The first request of the case in this server's life (its caches and PostgreSQL's as the earlier cases left them). */
  coldMs: number;
  app: Timing;
  floorColdMs: number;
  floor: Timing;
  ratio: number;
};

/** Every case against a running server: cold, then warm p50/p95, each beside its floor. */
export async function timeCases(
  base: string,
  headersFor: (auth: "none" | "token" | "session") => Record<string, string>,
  ctx: BenchContext,
  runs: number,
  warmup: number,
): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const bc of BENCH_CASES) {
    const heavy = bc.name.includes("organisation");
    const n = heavy ? Math.min(runs, 3) : runs;
    const w = heavy ? 0 : warmup;
    const request = async () => {
      const res = await fetch(`${base}${bc.path(ctx)}`, { headers: headersFor(bc.auth) });
      if (!res.ok) throw new Error(`${bc.path(ctx)} answered ${res.status}`);
      await res.arrayBuffer();
    };
    const coldMs = await once(request);
    const app = await time(request, n, w);
    const floorColdMs = await once(() => bc.floor(ctx));
    const floor = await time(() => bc.floor(ctx), n, w);
    const r: CaseResult = { name: bc.name, runs: n, coldMs, app, floorColdMs, floor, ratio: app.p50 / floor.p50 };
    out.push(r);
    say(`  ${caseRow(r).join("  ")}`);
  }
  return out;
}

export const CASE_HEAD = ["case", "cold ms", "p50 ms", "p95 ms", "floor cold", "floor p50", "floor p95", "ratio p50"];

export const caseRow = (r: CaseResult) => [
  `${r.name} (${r.runs} runs)`,
  r.coldMs.toFixed(1),
  r.app.p50.toFixed(1),
  r.app.p95.toFixed(1),
  r.floorColdMs.toFixed(1),
  r.floor.p50.toFixed(1),
  r.floor.p95.toFixed(1),
  `${r.ratio.toFixed(2)}×`,
];
