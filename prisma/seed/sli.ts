// 5-minute SLI samples for the demo SLOs, shaped to land each SLO in a chosen state.
import type { Random } from "./random";

export type SloMode = "healthy" | "burning" | "exhausted";
export type SampleRow = { sloId: string; start: Date; good: number; total: number };

const BUCKET_MS = 5 * 60_000;

type Input = {
  sloId: string;
  objective: number;
  mode: SloMode;
  /** Requests per 5 minutes at the daily peak. */
  peakTraffic: number;
  days: number;
  now: Date;
  /** Incident windows of the service: errors rise while they last. */
  incidents: Array<{ startedAt: Date; resolvedAt: Date | null }>;
};

export function generateSamples(rng: Random, input: Input, out: SampleRow[]): void {
  const budget = 1 - input.objective / 100;
  const baseline = input.mode === "exhausted" ? budget * 1.35 : budget * (0.12 + 0.15 * rng.float());
  const end = Math.floor(input.now.getTime() / BUCKET_MS) * BUCKET_MS;
  const start = end - input.days * 86_400_000;
  // Old incidents only: a fresh spike would make a "healthy" SLO burn.
  const spikes = input.incidents.filter(
    (i) => i.resolvedAt && input.now.getTime() - i.resolvedAt.getTime() > 3 * 86_400_000,
  );
  for (let t = start; t < end; t += BUCKET_MS) {
    const hour = new Date(t).getUTCHours() + new Date(t).getUTCMinutes() / 60;
    const diurnal = 0.55 + 0.45 * Math.sin(((hour - 9) / 24) * 2 * Math.PI);
    const total = Math.max(1, Math.round(input.peakTraffic * diurnal * (0.9 + 0.2 * rng.float())));
    let ratio = baseline * (0.5 + rng.float());
    if (spikes.some((s) => t >= s.startedAt.getTime() && t < (s.resolvedAt as Date).getTime()))
      ratio = Math.max(ratio, budget * (4 + 6 * rng.float()));
    if (input.mode === "burning" && end - t <= 90 * 60_000) ratio = budget * (25 + 10 * rng.float());
    const bad = Math.min(total, Math.round(total * ratio + (rng.float() < (total * ratio) % 1 ? 1 : 0)));
    out.push({ sloId: input.sloId, start: new Date(t), good: total - bad, total });
  }
}
