import crypto from "node:crypto";
import { serverEnv } from "@/lib/core/env";

// Secrets Shipshape must be able to read back (the signing secrets of outgoing notification
// webhooks) are stored sealed with AES-256-GCM, never in plain text. A database dump or backup
// alone does not reveal them.
//
// Key: SHIPSHAPE_SECRETS_KEY (any string of 32+ characters; a 32-byte random value in base64 is
// best). Without it the key is derived from AUTH_SECRET with HKDF, so a default install is sealed
// too. SHIPSHAPE_SECRETS_KEY_PREVIOUS keeps a retired key readable while `resealSecrets` moves the
// rows to the current one.
//
// Stored form: "sealed:v1:<key id>:<base64url(iv | tag | ciphertext)>". The key id is the first
// 8 hex digits of a hash of the key, so the right key is found without trying each.

const PREFIX = "sealed:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

type Key = { id: string; bytes: Buffer };

function deriveKey(material: string, label: string): Key {
  const bytes = Buffer.from(crypto.hkdfSync("sha256", material, "shipshape", label, 32));
  const id = crypto.createHash("sha256").update(bytes).digest("hex").slice(0, 8);
  return { id, bytes };
}

export type TSecretKeys = { current: Key; previous: Key | null };

export function secretKeys(env: ReturnType<typeof serverEnv> = serverEnv()): TSecretKeys {
  const current = env.SHIPSHAPE_SECRETS_KEY
    ? deriveKey(env.SHIPSHAPE_SECRETS_KEY, "secrets-key")
    : deriveKey(env.AUTH_SECRET, "secrets-from-auth-secret");
  const previous = env.SHIPSHAPE_SECRETS_KEY_PREVIOUS
    ? deriveKey(env.SHIPSHAPE_SECRETS_KEY_PREVIOUS, "secrets-key")
    : null;
  return { current, previous };
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** The key id a stored value was sealed with, or null for a legacy plain-text value. */
export function sealedKeyId(stored: string): string | null {
  if (!isSealed(stored)) return null;
  return stored.slice(PREFIX.length).split(":")[0] ?? null;
}

export function sealSecret(plain: string, keys: TSecretKeys = secretKeys()): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", keys.current.bytes, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const packed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
  return `${PREFIX}${keys.current.id}:${packed}`;
}

export class SecretUnreadableError extends Error {}

/**
 * The plain secret. A legacy plain-text value (written before sealing existed) is returned as it
 * is; `resealSecrets` seals those. Throws SecretUnreadableError when no configured key opens it.
 */
export function openSecret(stored: string, keys: TSecretKeys = secretKeys()): string {
  if (!isSealed(stored)) return stored;
  const [id, packed] = stored.slice(PREFIX.length).split(":");
  const key = [keys.current, keys.previous].find((k) => k?.id === id);
  if (!key || !packed)
    throw new SecretUnreadableError(
      `sealed with key ${id}, which is not configured (set SHIPSHAPE_SECRETS_KEY_PREVIOUS to the old key)`,
    );
  const raw = Buffer.from(packed, "base64url");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key.bytes, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretUnreadableError(`sealed with key ${id}, but the value does not open with it (tampered?)`);
  }
}

/** Whether a stored value should be sealed again with the current key. */
export function needsReseal(stored: string, keys: TSecretKeys = secretKeys()): boolean {
  return sealedKeyId(stored) !== keys.current.id;
}
