import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { makeService, makeTeam, makeToken } from "../support/factories";
import { replicaDatabase, startReplica } from "../support/replicas";

// With OTEL_EXPORTER_OTLP_ENDPOINT set, the server exports its traces over OTLP/HTTP: Next.js's
// request spans, Prisma's and node-postgres' spans beneath them, in one trace per request. The
// receiver here is a loopback OTLP endpoint (JSON encoding, so the test can read the spans).

type Span = { traceId: string; spanId: string; parentSpanId?: string; name: string };
type ExportRequest = {
  resourceSpans: Array<{
    resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
    scopeSpans: Array<{ scope: { name: string }; spans: Span[] }>;
  }>;
};

test("traces go to the OTLP endpoint, with Prisma and pg spans inside each request's trace", async () => {
  test.setTimeout(120_000);
  const received: ExportRequest[] = [];
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.url === "/v1/traces") received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as ExportRequest);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const database = await replicaDatabase();
  const app = await startReplica("tracing", database.url, {
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_BSP_SCHEDULE_DELAY: "200",
    },
  });
  try {
    const team = await makeTeam(database.db);
    const service = await makeService(database.db, team.id);
    const token = await makeToken(database.db, ["ingest", "read"], team.id);
    const res = await fetch(`${app.base}/api/v1/deployments`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        externalId: `trace-${crypto.randomUUID()}`,
        service: service.slug,
        environment: "production",
        status: "success",
        finishedAt: new Date().toISOString(),
      }),
    });
    expect(res.status).toBe(201);

    const spans = () => received.flatMap((r) => r.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((s) => s.spans)));
    const requestSpan = () => spans().find((s) => s.name.startsWith("POST") && s.name.includes("/api/v1/deployments"));
    await expect.poll(() => requestSpan()?.name, { timeout: 30_000 }).toBeTruthy();
    const traceId = requestSpan()?.traceId;
    await expect
      .poll(
        () =>
          spans()
            .filter((s) => s.traceId === traceId)
            .map((s) => s.name),
        { timeout: 30_000 },
      )
      .toEqual(expect.arrayContaining([expect.stringMatching(/^prisma:/), expect.stringMatching(/^pg\./)]));

    const service_name = received
      .flatMap((r) => r.resourceSpans)
      .flatMap((rs) => rs.resource.attributes)
      .find((a) => a.key === "service.name")?.value.stringValue;
    expect(service_name).toBe("shipshape");
  } finally {
    app.stop();
    await app.exited;
    await database.drop();
    receiver.close();
  }
});
