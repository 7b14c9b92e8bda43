// `npm run bench load`: sustained load with autocannon against the ingestion API and the three main
// pages, on the org-scale data set. Each target is ramped (1, 2, 4 … 64 connections, 8 s a step)
// until its p95 passes 500 ms or a request fails; the figure is the highest req/s sustained with
// p95 < 500 ms and 0 errors. Prints its figures; asserts nothing.
import crypto from "node:crypto";
import autocannon from "autocannon";
import type { PrismaClient } from "@/generated/prisma/client";
import { percentile, say, signIn, table } from "./setup";

const STEP_SECONDS = Number(process.env.LOAD_STEP_SECONDS ?? 8);
const P95_BUDGET_MS = 500;
const CONNECTIONS = [1, 2, 4, 8, 16, 32, 64];

type Target = {
  name: string;
  path: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: () => string;
};
type Step = { connections: number; rps: number; p50: number; p95: number; errors: number; non2xx: number };

async function step(base: string, target: Target, connections: number): Promise<Step> {
  const latencies: number[] = [];
  const result = await autocannon({
    url: base,
    connections,
    duration: STEP_SECONDS,
    timeout: 10,
    requests: [
      {
        method: target.method,
        path: target.path,
        headers: target.headers,
        // A fresh body for every request (a new deployment each time), when the target has one.
        ...(target.body ? { setupRequest: (req) => ({ ...req, body: target.body!() }) } : {}),
      },
    ],
    setupClient: (client) => {
      client.on("response", (_status: number, _bytes: number, ms: number) => latencies.push(ms));
    },
  });
  latencies.sort((a, b) => a - b);
  return {
    connections,
    rps: result.requests.average,
    p50: percentile(latencies, 50) ?? 0,
    p95: percentile(latencies, 95) ?? 0,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export async function loadTest(
  base: string,
  db: PrismaClient,
  creds: { email: string; password: string; token: string },
) {
  const cookie = await signIn(base, creds.email, creds.password);
  const service = await db.service.findFirstOrThrow({ where: { slug: "svc-1-1" }, select: { slug: true } });
  const runId = crypto.randomBytes(3).toString("hex");
  let n = 0;
  const targets: Target[] = [
    {
      name: "POST /api/v1/deployments (one each)",
      path: "/api/v1/deployments",
      method: "POST",
      headers: { authorization: `Bearer ${creds.token}`, "content-type": "application/json" },
      body: () =>
        JSON.stringify({
          externalId: `load-${runId}-${n++}`,
          service: service.slug,
          environment: "production",
          status: "success",
          finishedAt: new Date(Date.now() - 60_000).toISOString(),
        }),
    },
    { name: "GET / (overview)", path: "/", method: "GET", headers: { cookie } },
    { name: "GET /teams/team-100", path: "/teams/team-100", method: "GET", headers: { cookie } },
    { name: `GET /services/${service.slug}`, path: `/services/${service.slug}`, method: "GET", headers: { cookie } },
  ];
  say(
    `\nload: ${STEP_SECONDS} s per step, connections ${CONNECTIONS.join(", ")}; budget p95 < ${P95_BUDGET_MS} ms with 0 errors`,
  );
  const rows: string[][] = [];
  for (const target of targets) {
    // One warm-up request, so the first step does not measure a cold cache of compiled code.
    await fetch(`${base}${target.path}`, { method: target.method, headers: target.headers, body: target.body?.() });
    let best: Step | null = null;
    let last: Step | null = null;
    for (const connections of CONNECTIONS) {
      last = await step(base, target, connections);
      say(
        `  ${target.name} × ${connections}: ${last.rps.toFixed(0)} req/s, p50 ${last.p50.toFixed(0)} ms, p95 ${last.p95.toFixed(0)} ms, ${last.errors} errors, ${last.non2xx} non-2xx`,
      );
      if (last.p95 >= P95_BUDGET_MS || last.errors > 0 || last.non2xx > 0) break;
      best = last;
    }
    rows.push([
      target.name,
      best ? best.rps.toFixed(0) : "0",
      best ? String(best.connections) : "–",
      best ? best.p95.toFixed(0) : "–",
      last && last !== best
        ? `${last.connections} conns: p95 ${last.p95.toFixed(0)} ms, ${last.errors + last.non2xx} failed`
        : `none up to ${CONNECTIONS.at(-1)} conns`,
    ]);
  }
  table(["target", "sustained req/s", "at conns", "p95 ms", "first step past the budget"], rows);
}
