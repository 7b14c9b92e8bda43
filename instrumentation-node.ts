import { serverEnv } from "@/lib/env";

// A missing or malformed setting stops start-up with one clear line, not a failure in some later request.
try {
  serverEnv();
} catch (error) {
  console.error(`[shipshape] ${(error as Error).message}`);
  process.exit(1);
}
