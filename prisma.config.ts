// Prisma CLI configuration. Offline machines cannot download Prisma's native schema engine, so when it
// is absent the CLI is pointed at prisma/schema-engine-wasm.mjs, a stand-in backed by the engine
// compiled to WebAssembly (see README, "Air-gapped installs").
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";

function nativeSchemaEngineInstalled(): boolean {
  const enginesDir = path.join(process.cwd(), "node_modules", "@prisma", "engines");
  try {
    return fs.readdirSync(enginesDir).some((f) => f.startsWith("schema-engine-"));
  } catch {
    return false;
  }
}

if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && !nativeSchemaEngineInstalled()) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(process.cwd(), "prisma", "schema-engine-wasm.mjs");
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Not env("DATABASE_URL"): that throws during `prisma generate` when no database is configured.
  // Migrations connect directly when DATABASE_URL goes through PgBouncer.
  datasource: { url: process.env.DIRECT_DATABASE_URL || process.env.DATABASE_URL || "" },
});
