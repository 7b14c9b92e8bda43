import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { makeService, makeTeam, makeToken } from "../support/factories";
import { replicaDatabase, startReplica } from "../support/replicas";

// What Kubernetes does on every rollout: SIGTERM a replica while it is taking writes. Every request
// that got a 2xx must be in the database; requests in flight at the signal finish; the job runner
// and the pool close; the process exits 0.

test("a SIGTERM during batch ingestion loses nothing that got a 2xx, and the server exits 0", async () => {
  test.setTimeout(120_000);
  const database = await replicaDatabase();
  try {
    const team = await makeTeam(database.db);
    const service = await makeService(database.db, team.id);
    const token = await makeToken(database.db, ["ingest"], team.id);
    const server = await startReplica("shutdown", database.url, { jobs: true });

    let signalledAt = Infinity;
    const accepted: string[] = [];
    const finishedAfterSignal: number[] = [];
    const failures: string[] = [];
    const post = async () => {
      const ids = Array.from({ length: 200 }, () => `sigterm-${crypto.randomUUID()}`);
      const sentAt = Date.now();
      try {
        const res = await fetch(`${server.base}/api/v1/deployments`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({
            deployments: ids.map((externalId, i) => ({
              externalId,
              service: service.slug,
              environment: "production",
              status: "success",
              finishedAt: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
            })),
          }),
        });
        if (res.status === 201) {
          accepted.push(...ids);
          if (sentAt < signalledAt && Date.now() > signalledAt) finishedAfterSignal.push(res.status);
        } else failures.push(`HTTP ${res.status}`);
        return true;
      } catch (error) {
        // Refused or reset: the client knows the request was not accepted, and will retry.
        failures.push((error as Error).message);
        return false;
      }
    };
    const senders = Array.from({ length: 8 }, async () => {
      while (await post()) {
        /* until the server stops answering */
      }
    });
    await expect.poll(() => accepted.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2000);
    signalledAt = Date.now();
    server.stop();
    await Promise.all(senders);
    expect(await server.exited).toBe(0);

    const stored = await database.db.deployment.findMany({
      where: { externalId: { in: accepted } },
      select: { externalId: true },
    });
    expect(stored.length).toBe(accepted.length);
    // Requests already in flight when the signal came were answered, not cut off.
    expect(finishedAfterSignal.length).toBeGreaterThan(0);
    // Nothing answered with an error: the requests that did not get a 2xx could not connect.
    expect(failures.filter((f) => f.startsWith("HTTP "))).toEqual([]);
    const logs = server.logs();
    const messages = logs.map((l) => l.msg);
    expect(messages).toEqual(
      expect.arrayContaining(["shutting down: finishing in-flight requests", "background jobs stopped", "stopped"]),
    );
    // By the time each line was logged (the app and the front server buffer their lines separately).
    const at = (msg: string) => Number(logs.find((l) => l.msg === msg)?.time);
    expect(at("shutting down: finishing in-flight requests")).toBeLessThanOrEqual(at("background jobs stopped"));
    expect(at("background jobs stopped")).toBeLessThanOrEqual(at("stopped"));
  } finally {
    await database.drop();
  }
});
