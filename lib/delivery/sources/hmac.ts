import crypto from "node:crypto";

export function hmacSha256Hex(secret: string, body: Buffer | string): string {
  return crypto.createHmac("sha256", secret).update(body).digest("hex");
}

/** Constant-time comparison of two hex digests (false for different lengths or non-hex input). */
export function safeEqualHex(a: string, b: string): boolean {
  if (!/^[0-9a-f]+$/i.test(a) || !/^[0-9a-f]+$/i.test(b) || a.length !== b.length) return false;
  return crypto.timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"));
}

/** Constant-time comparison of two secrets of any length (hashed first, so lengths never show). */
export function safeEqualText(a: string, b: string): boolean {
  const digest = (s: string) => crypto.createHash("sha256").update(s).digest();
  return crypto.timingSafeEqual(digest(a), digest(b));
}
