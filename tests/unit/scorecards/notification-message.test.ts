import { describe, expect, it } from "vitest";
import { notificationBody, signNotification, verifyNotification } from "@/lib/notifications/domain/message";

describe("notification messages", () => {
  it("are Slack-compatible (text and blocks) and carry the structured event", () => {
    const body = notificationBody({
      event: "level.dropped",
      summary: "*Ledger* dropped from silver to bronze",
      team: "payments",
      service: "ledger",
      url: "https://shipshape.example/services/ledger/scorecard",
      data: { from: "silver", to: "bronze" },
      occurredAt: new Date("2026-11-27T10:00:00Z"),
    });
    expect(body.text).toBe(":small_red_triangle_down: *Ledger* dropped from silver to bronze");
    expect(body.blocks[0]).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: `${body.text}\n<https://shipshape.example/services/ledger/scorecard|Open in Shipshape>`,
      },
    });
    expect(body).toMatchObject({
      event: "level.dropped",
      team: "payments",
      service: "ledger",
      occurredAt: "2026-11-27T10:00:00.000Z",
      data: { to: "bronze" },
    });
  });

  it("are signed over timestamp and body; a changed body, secret or stale timestamp fails", () => {
    const body = JSON.stringify({ text: "hi" });
    const sig = signNotification("whsec_test", 1_800_000_000, body);
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyNotification("whsec_test", sig, "1800000000", body, 1_800_000_100)).toBe(true);
    expect(verifyNotification("whsec_test", sig, "1800000000", `${body} `, 1_800_000_100)).toBe(false);
    expect(verifyNotification("other", sig, "1800000000", body, 1_800_000_100)).toBe(false);
    expect(verifyNotification("whsec_test", sig, "1800000000", body, 1_800_001_000)).toBe(false);
    expect(verifyNotification("whsec_test", null, "1800000000", body, 1_800_000_000)).toBe(false);
  });
});

describe("Slack mrkdwn in notifications", () => {
  it("escapes what users typed, so a name cannot become a link or a mention", async () => {
    const { mrkdwn, notificationBody } = await import("@/lib/notifications/domain/message");
    const name = "<!channel> & <https://evil.example|click>";
    const summary = mrkdwn`Review of *${name}* requested`;
    expect(summary).toBe("Review of *&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;* requested");
    const body = notificationBody({
      event: "review.requested",
      summary,
      team: null,
      service: null,
      url: null,
      data: {},
      occurredAt: new Date("2026-12-01T00:00:00Z"),
    });
    expect(JSON.stringify(body)).not.toContain("<!channel>");
  });
});
