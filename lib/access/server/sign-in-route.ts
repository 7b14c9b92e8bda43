import "server-only";
import { clientIp } from "@/lib/core/api/client-ip";
import { logger } from "@/lib/core/logger";
import { recordSignInFailure, recordSignInSuccess, signInRetryAfter } from "./sign-in-limits";

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

/**
 * Wraps next-auth's POST handler: a password sign-in from an account or address with too many recent
 * failures gets 429 with Retry-After before any password is hashed, and every attempt's outcome
 * moves the counters. The 429 body keeps next-auth's shape ({url} with ?error=RateLimited), so the
 * sign-in form can say why.
 */
export function limitPasswordSignIn(handler: Handler): Handler {
  return async (req, ctx) => {
    const { pathname } = new URL(req.url);
    if (!pathname.endsWith("/callback/credentials")) return handler(req, ctx);
    const form = await req
      .clone()
      .formData()
      .catch(() => null);
    const email = String(form?.get("email") ?? "");
    const address = clientIp(req.headers);
    const wait = await signInRetryAfter(email, address);
    if (wait > 0) {
      logger.warn({ address, event: "auth.rate_limited" }, "sign-in refused: too many failed attempts");
      const url = new URL(`/login?error=RateLimited`, req.url).toString();
      return Response.json(
        { url, error: { code: "rate_limited", message: `Too many failed sign-ins; try again in ${wait} s` } },
        { status: 429, headers: { "retry-after": String(wait) } },
      );
    }
    const res = await handler(req, ctx);
    const location =
      res.headers.get("location") ??
      (
        await res
          .clone()
          .json()
          .catch(() => ({}))
      ).url ??
      "";
    const failed = typeof location === "string" && /[?&]error=/.test(location);
    if (failed) await recordSignInFailure(email, address);
    else if (email && res.status < 400) await recordSignInSuccess(email);
    return res;
  };
}
