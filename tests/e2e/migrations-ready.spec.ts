import { expect, test } from "@playwright/test";
import { replicaDatabase, startReplica } from "../support/replicas";

// A release whose migration did not apply must not take traffic: /api/ready is 503 and names the
// migration, while liveness stays up (the pod is not restarted in a loop).

test("a replica whose database lacks a migration is unready and names it", async () => {
  test.setTimeout(90_000);
  const database = await replicaDatabase();
  try {
    const [last] = await database.db.$queryRaw<Array<{ name: string }>>`
      select migration_name as name from _prisma_migrations order by migration_name desc limit 1`;
    await database.db.$executeRaw`delete from _prisma_migrations where migration_name = ${last.name}`;
    const app = await startReplica("unmigrated", database.url);
    try {
      const res = await fetch(`${app.base}/api/ready`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as {
        status: string;
        failing: string[];
        checks: Array<{ name: string; detail: string }>;
      };
      expect(body.status).toBe("unready");
      expect(body.failing).toEqual(["migrations"]);
      expect(body.checks.find((c) => c.name === "migrations")?.detail).toBe(
        `not applied: ${last.name} (run npm run db:deploy)`,
      );
      expect((await fetch(`${app.base}/api/health?probe=liveness`)).status).toBe(200);
    } finally {
      app.stop();
      await app.exited;
    }
  } finally {
    await database.drop();
  }
});
