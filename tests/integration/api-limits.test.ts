// The API's own guards, called as Next calls a route: a flood of bad tokens is rate-limited (429 with
// Retry-After, counted in PostgreSQL), and a webhook's signature is checked before its JSON is read.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";

type Route = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let probe: Route;
let githubWebhook: Route;

const saved = { limit: process.env.SHIPSHAPE_RATE_LIMIT_PER_MINUTE, secret: process.env.GITHUB_WEBHOOK_SECRET };

beforeAll(async () => {
  process.env.SHIPSHAPE_RATE_LIMIT_PER_MINUTE = "5";
  process.env.GITHUB_WEBHOOK_SECRET = "it-secret";
  const { apiRoute, json } = await import("@/lib/core/api/route");
  probe = apiRoute({}, async () => json({ ok: true }));
  githubWebhook = (await import("@/app/api/v1/webhooks/github/route")).POST;
});

afterAll(() => {
  // Other files may run in this worker after this one: they get the settings back.
  for (const [key, value] of [
    ["SHIPSHAPE_RATE_LIMIT_PER_MINUTE", saved.limit],
    ["GITHUB_WEBHOOK_SECRET", saved.secret],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const ctx = { params: Promise.resolve({}) };
const peer = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("API guards", () => {
  it("limit requests with bad tokens per client address, with Retry-After", async () => {
    const req = () =>
      new NextRequest("http://localhost/api/v1/probe", {
        headers: { authorization: "Bearer ss_not_a_real_token", "x-shipshape-peer": peer },
      });
    for (let i = 0; i < 5; i++) expect((await probe(req(), ctx)).status).toBe(401);
    const limited = await probe(req(), ctx);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect(await prisma.apiRateLimit.findUnique({ where: { key: `api:ip:${peer}` } })).not.toBeNull();
  });

  it("check a webhook's signature before parsing its body", async () => {
    const res = await githubWebhook(
      new NextRequest("http://localhost/api/v1/webhooks/github", {
        method: "POST",
        body: "{ this is not json",
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": "sha256=00",
          "x-github-delivery": "d-1",
          "x-shipshape-peer": "10.8.0.1",
        },
      }),
      ctx,
    );
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });
});
