import { NextResponse, type NextRequest } from "next/server";

// Security headers for every page: a Content Security Policy with a fresh nonce per request (Next
// puts it on its own scripts, and 'strict-dynamic' lets those load the chunks they need), and no
// framing. The static headers for every response (nosniff, referrer policy, HSTS) are in
// next.config.js. This file only sets headers: authorisation happens in lib/<slice>/server.

export function contentSecurityPolicy(nonce: string, dev: boolean, https: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Recharts and React set style attributes, which a nonce cannot cover.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const https = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development", https);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the API, not Next's static files; prefetches carry no HTML to protect.
      source: "/((?!api|_next/static|_next/image|favicon.ico|metrics).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
