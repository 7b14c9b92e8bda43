import crypto from "node:crypto";

// API tokens are 32 random bytes; only their SHA-256 is stored. A slow hash buys nothing for
// high-entropy secrets and would cost every API request.
export const TOKEN_PREFIX = "ssp_";

export function generateToken(): string {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function tokenDisplayPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 6);
}
