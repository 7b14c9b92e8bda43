import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { createWebhook, listWebhooks, resealSecrets } from "@/lib/notifications/server/webhooks";
import { deliverNotification } from "@/lib/notifications/server/notifications";
import { openSecret, sealedKeyId, secretKeys, sealSecret } from "@/lib/core/secret-box";
import { serverEnv } from "@/lib/core/env";
import { actorFor, makeUser } from "../support/factories";

// Notification webhook secrets are stored sealed (AES-256-GCM), never in plain text, and a key
// rotation moves them to the new key without losing one.

const OLD_KEY = "old-key-0123456789abcdef0123456789abcdef";
const NEW_KEY = "new-key-fedcba9876543210fedcba9876543210";

function envWith(extra: Record<string, string>) {
  return serverEnv({ ...process.env, ...extra });
}

// The first test's receiver is on loopback, which outgoing webhooks refuse unless allowed.
const allowPrivate = process.env.SHIPSHAPE_ALLOW_PRIVATE_WEBHOOKS;
beforeAll(() => {
  process.env.SHIPSHAPE_ALLOW_PRIVATE_WEBHOOKS = "1";
});
afterAll(() => {
  if (allowPrivate === undefined) delete process.env.SHIPSHAPE_ALLOW_PRIVATE_WEBHOOKS;
  else process.env.SHIPSHAPE_ALLOW_PRIVATE_WEBHOOKS = allowPrivate;
});

async function platform() {
  return actorFor(await makeUser(prisma, { role: "platform" }));
}

describe("webhook secrets at rest", () => {
  it("are stored sealed: the row never holds the secret, and the settings list opens it", async () => {
    const hook = await createWebhook(
      { name: "sealed", url: "http://127.0.0.1:9/a", teamId: null, events: ["review.requested"] },
      await platform(),
    );
    expect(hook.secret).toMatch(/^whsec_/);
    const [row] = await prisma.$queryRaw<Array<{ secret: string }>>`
      SELECT secret FROM "NotificationWebhook" WHERE id = ${hook.id}::uuid`;
    expect(row.secret).not.toContain(hook.secret);
    expect(row.secret).not.toContain(hook.secret.slice("whsec_".length, 20));
    expect(row.secret).toMatch(/^sealed:v1:[0-9a-f]{8}:/);
    const listed = (await listWebhooks(await platform())).find((h) => h.id === hook.id);
    expect(listed).toMatchObject({ secret: hook.secret, secretError: null });
  });

  it("seal each value with a fresh nonce, and refuse a tampered value rather than return garbage", () => {
    const keys = secretKeys();
    const a = sealSecret("whsec_same", keys);
    const b = sealSecret("whsec_same", keys);
    expect(a).not.toBe(b);
    expect(openSecret(a, keys)).toBe("whsec_same");
    const tampered = a.slice(0, -2) + (a.endsWith("A") ? "BB" : "AA");
    expect(() => openSecret(tampered, keys)).toThrow(/does not open/);
  });

  it("left in plain text by an older version are sealed at start-up, and deliveries still sign with them", async () => {
    const legacy = await prisma.notificationWebhook.create({
      data: { name: "legacy", url: "https://hooks.example.com/b", secret: "whsec_legacyplaintext", events: [] },
    });
    const before = await resealSecrets();
    expect(before.resealed).toBeGreaterThanOrEqual(1);
    const row = await prisma.notificationWebhook.findUniqueOrThrow({ where: { id: legacy.id } });
    expect(row.secret).not.toContain("legacyplaintext");
    expect(openSecret(row.secret)).toBe("whsec_legacyplaintext");
    // Idempotent: a second run (another replica) changes nothing.
    await resealSecrets();
    expect((await prisma.notificationWebhook.findUniqueOrThrow({ where: { id: legacy.id } })).secret).toBe(row.secret);
  });

  it("move to a new key: the old key as PREVIOUS opens them, and resealing puts every row under the new key", async () => {
    const oldKeys = secretKeys(envWith({ SHIPSHAPE_SECRETS_KEY: OLD_KEY }));
    const hook = await prisma.notificationWebhook.create({
      data: {
        name: "rotating",
        url: "https://hooks.example.com/c",
        secret: sealSecret("whsec_rotate", oldKeys),
        events: [],
      },
    });

    const newOnly = secretKeys(envWith({ SHIPSHAPE_SECRETS_KEY: NEW_KEY }));
    const stored = (await prisma.notificationWebhook.findUniqueOrThrow({ where: { id: hook.id } })).secret;
    expect(() => openSecret(stored, newOnly)).toThrow(/SHIPSHAPE_SECRETS_KEY_PREVIOUS/);

    const rotated = secretKeys(envWith({ SHIPSHAPE_SECRETS_KEY: NEW_KEY, SHIPSHAPE_SECRETS_KEY_PREVIOUS: OLD_KEY }));
    expect(openSecret(stored, rotated)).toBe("whsec_rotate");
    expect(sealedKeyId(stored)).toBe(oldKeys.current.id);
    expect(rotated.current.id).not.toBe(oldKeys.current.id);

    await resealSecrets(rotated);
    const moved = (await prisma.notificationWebhook.findUniqueOrThrow({ where: { id: hook.id } })).secret;
    expect(sealedKeyId(moved)).toBe(newOnly.current.id);
    expect(openSecret(moved, newOnly)).toBe("whsec_rotate");
    await prisma.notificationWebhook.delete({ where: { id: hook.id } });
  });

  it("that no configured key opens fail their delivery with a clear reason instead of sending unsigned", async () => {
    const foreign = secretKeys(envWith({ SHIPSHAPE_SECRETS_KEY: "some-other-installation-key-0123456789" }));
    const hook = await prisma.notificationWebhook.create({
      data: { name: "foreign", url: "https://hooks.example.com/d", secret: sealSecret("whsec_x", foreign), events: [] },
    });
    const delivery = await prisma.notificationDelivery.create({
      data: { webhookId: hook.id, event: "test", payload: {}, status: "pending" },
    });
    expect(await deliverNotification(delivery.id)).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/signing secret unreadable/),
    });
    const listed = (await listWebhooks(await platform())).find((h) => h.id === hook.id);
    expect(listed).toMatchObject({ secret: null, secretError: expect.stringMatching(/not configured/) });
    const { unreadable } = await resealSecrets();
    expect(unreadable).toBeGreaterThanOrEqual(1);
    await prisma.notificationWebhook.delete({ where: { id: hook.id } });
  });
});
