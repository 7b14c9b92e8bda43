import type { TestProject } from "vitest/node";
import { startTestServer } from "./test-database";

// Integration tests share one freshly migrated database; each test makes its own uniquely named data.
// `npm test` passes SHIPSHAPE_IT_DATABASE_URL; run alone, vitest starts a throwaway cluster here.
export default async function setup(project: TestProject) {
  const given = process.env.SHIPSHAPE_IT_DATABASE_URL;
  if (given) {
    project.provide("databaseUrl", given);
    return;
  }
  const server = await startTestServer();
  project.provide("databaseUrl", await server.createMigratedDatabase("shipshape_it"));
  return () => server.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
