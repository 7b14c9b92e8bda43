// Outgoing notification webhooks never reach into the network Shipshape runs in (SSRF).
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { isPrivateAddress, refusedDestination } from "@/lib/notifications/server/destination";
import { createWebhook } from "@/lib/notifications/server/webhooks";
import { actorFor, makeUser, uniq } from "../support/factories";

describe("webhook destinations", () => {
  it("know loopback, link-local, private and reserved addresses", () => {
    for (const a of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fd00::1",
      "fe80::1",
      "::ffff:127.0.0.1",
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ["8.8.8.8", "203.0.114.1", "2001:4860:4860::8888"]) expect(isPrivateAddress(a), a).toBe(false);
  });

  it("refuse a webhook to a private or local address, by literal address or by a name that resolves there", async () => {
    const env = {};
    expect(await refusedDestination("http://169.254.169.254/latest/meta-data", env)).toContain("169.254.169.254");
    expect(await refusedDestination("http://localhost:8080/hook", env)).toMatch(
      /localhost resolves to (127\.0\.0\.1|::1)/,
    );
    expect(await refusedDestination("http://[::1]:9/x", env)).toContain("::1");
    expect(await refusedDestination("http://localhost/hook", { SHIPSHAPE_ALLOW_PRIVATE_WEBHOOKS: "1" })).toBeNull();

    const platform = actorFor(await makeUser(prisma, { role: "platform" }));
    const name = uniq("metadata");
    await expect(
      createWebhook({ name, url: "http://169.254.169.254/x", teamId: null, events: ["level.dropped"] }, platform),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: [{ path: "url" }],
    });
    expect(await prisma.notificationWebhook.count({ where: { name } })).toBe(0);
  });
});
