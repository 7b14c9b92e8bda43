import { inject } from "vitest";

// Before any test module loads lib/core/db/client, point it at the test database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "integration-test-secret-0123456789";
process.env.LOG_LEVEL ??= "silent";
