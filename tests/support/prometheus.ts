import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort, startDaemon, type RunningDaemon } from "./daemon";

const exec = promisify(execFile);

export { freePort };

/** One counter sample in OpenMetrics text: `name{labels} value timestamp-seconds`. */
export type CounterPoint = { labels: Record<string, string>; value: number; at: number };

/** An OpenMetrics exposition of counter histories (the input of `promtool tsdb create-blocks-from`). */
export function openMetrics(name: string, points: CounterPoint[]): string {
  const series = new Map<string, CounterPoint[]>();
  for (const p of points) {
    const key = Object.entries(p.labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(",");
    series.set(key, [...(series.get(key) ?? []), p]);
  }
  const lines = [`# HELP ${name} Requests served.`, `# TYPE ${name} counter`];
  for (const [labels, ps] of series)
    for (const p of [...ps].sort((a, b) => a.at - b.at)) lines.push(`${name}{${labels}} ${p.value} ${p.at}`);
  return `${lines.join("\n")}\n# EOF\n`;
}

export type RunningPrometheus = RunningDaemon;

/**
 * Debian's Prometheus on a loopback port, with a known history loaded as TSDB blocks by promtool
 * (`tsdb create-blocks-from openmetrics`). Nothing is scraped: the history is all there is.
 */
export async function startPrometheus(history: string): Promise<RunningPrometheus> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "shipshape-prometheus-"));
  const data = path.join(dir, "data");
  await fs.writeFile(path.join(dir, "history.om"), history);
  await exec("promtool", ["tsdb", "create-blocks-from", "openmetrics", path.join(dir, "history.om"), data]);
  await fs.writeFile(path.join(dir, "prometheus.yml"), "global:\n  scrape_interval: 1h\n");
  const port = await freePort();
  return startDaemon(
    "prometheus",
    [
      `--config.file=${path.join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${data}`,
      "--storage.tsdb.retention.time=400d",
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    port,
    dir,
  );
}

/**
 * The history the pull tests load: `days` of 2 good requests per second for job "api", and in the
 * last hour before `end` (seconds, a 5-minute boundary) 1 failing request per second more, sampled
 * every minute. A bucket ending at t holds the requests of (t − 5m, t]: 600 good, and 300 failed in
 * the last 12 buckets.
 */
export function errorBurstHistory(end: number, days = 3): string {
  const points: CounterPoint[] = [];
  let ok = 0;
  let failed = 0;
  for (let t = end - days * 86_400; t <= end; t += 60) {
    points.push({ labels: { job: "api", code: "200" }, value: ok, at: t });
    points.push({ labels: { job: "api", code: "500" }, value: failed, at: t });
    ok += 2 * 60;
    if (t >= end - 3600 && t < end) failed += 60;
  }
  return openMetrics("http_requests_total", points);
}

/** Sloth-style queries over that history. */
export const API_ERROR_QUERY = 'sum(rate(http_requests_total{job="api",code=~"5.."}[{{.window}}]))';
export const API_TOTAL_QUERY = 'sum(rate(http_requests_total{job="api"}[{{.window}}]))';
