// What the Integrations page reports for each source: refused deliveries with the error sent back,
// replays, and ignored ones with their reason, through the real route handlers. Reasons are made
// unique per test (an event name, a content type), so parallel tests cannot move these counts.
import crypto from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { webhookActivity } from "@/lib/delivery/server/webhook-tally";
import { uniq } from "../support/factories";

type Route = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let github: Route;
const SECRET = "tally-secret-0123456789";
const saved = process.env.GITHUB_WEBHOOK_SECRET;
beforeAll(async () => {
  process.env.GITHUB_WEBHOOK_SECRET = SECRET;
  github = (await import("@/app/api/v1/webhooks/github/route")).POST;
});
afterAll(() => {
  if (saved === undefined) delete process.env.GITHUB_WEBHOOK_SECRET;
  else process.env.GITHUB_WEBHOOK_SECRET = saved;
});

function send(body: string, opts: { event: string; delivery: string; contentType?: string; signature?: string }) {
  const signature = opts.signature ?? `sha256=${crypto.createHmac("sha256", SECRET).update(body).digest("hex")}`;
  return github(
    new NextRequest("http://localhost/api/v1/webhooks/github", {
      method: "POST",
      headers: {
        "content-type": opts.contentType ?? "application/json",
        "x-github-event": opts.event,
        "x-github-delivery": opts.delivery,
        "x-hub-signature-256": signature,
        "x-shipshape-peer": "10.7.0.1",
      },
      body,
    }),
    { params: Promise.resolve({}) },
  );
}

const tally = (kind: string, reason: string) =>
  prisma.webhookTally.aggregate({ where: { provider: "github", kind, reason }, _sum: { count: true } });

describe("the Integrations page's delivery counts", () => {
  it("counts an ignored event by its reason, its replays as duplicates, and shows the reason", async () => {
    const event = uniq("workflow_job");
    const delivery = uniq("d");
    const body = JSON.stringify({ action: "queued" });
    expect((await send(body, { event, delivery })).status).toBe(202);
    expect((await send(body, { event, delivery })).status).toBe(200); // the same X-GitHub-Delivery
    expect((await send(body, { event, delivery: uniq("d") })).status).toBe(202);
    const reason = `event ${event} is not used`;
    expect((await tally("ignored", reason))._sum.count).toBe(2);
    const activity = (await webhookActivity(SYSTEM_ACTOR)).find((a) => a.provider === "github");
    expect(activity?.counts.duplicate).toBeGreaterThanOrEqual(1);
    expect(
      activity?.problems.some((p) => p.kind === "ignored" && p.reason === reason) || activity?.problems.length === 3,
    ).toBe(true);
  });

  it("counts a refused delivery with the error it was sent, and nothing else is written", async () => {
    const type = `text/x-${uniq("t")}`;
    const delivery = uniq("d");
    const refused = await send("{}", { event: "push", delivery, contentType: type });
    expect(refused.status).toBe(415);
    const reason = `unsupported_media_type: Content-Type must be application/json or application/x-www-form-urlencoded, not ${type}`;
    expect((await tally("rejected", reason))._sum.count).toBe(1);
    expect(await prisma.webhookDelivery.count({ where: { provider: "github", deliveryId: delivery } })).toBe(0);

    const forged = await send("{}", { event: "push", delivery: uniq("d"), signature: "sha256=00" });
    expect(forged.status).toBe(401);
    const bad = await prisma.webhookTally.findFirstOrThrow({
      where: { provider: "github", kind: "rejected", reason: { startsWith: "unauthorized:" } },
    });
    expect(bad.reason).toBe("unauthorized: The X-Hub-Signature-256 signature does not match the body");
    expect(bad.count).toBeGreaterThanOrEqual(1);
  });
});
