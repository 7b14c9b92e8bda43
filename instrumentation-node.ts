import { serverEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

// A missing or malformed setting stops start-up with one clear line, not a failure in some later request.
try {
  serverEnv();
} catch (error) {
  console.error(`[shipshape] ${(error as Error).message}`);
  process.exit(1);
}

// Built-in content (the shipped checklist templates) exists in every database, demo or not.
try {
  const { ensureBuiltInTemplates } = await import("@/lib/data/templates");
  const imported = await ensureBuiltInTemplates();
  if (imported.length) logger.info({ templates: imported.map((t) => t.key) }, "imported built-in checklist templates");
} catch (error) {
  logger.error({ err: error }, "could not import the built-in checklist templates; is the database migrated?");
}
