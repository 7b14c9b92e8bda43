import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { PrismaInstrumentation } from "@prisma/instrumentation";
import { logger } from "@/lib/core/logger";
import { onShutdown } from "@/lib/core/shutdown";

// Tracing with the OpenTelemetry Node SDK, on only when an OTLP endpoint is configured
// (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT; protocol and headers from the
// standard OTEL_* variables, http/protobuf by default). Next.js's own spans (requests, rendering,
// route handlers), Prisma's (operations and the SQL they run) and node-postgres' (every query, and
// the pool) are exported. Started from instrumentation.ts before any database code loads; the
// shutdown hook flushes what is buffered.

export function startTelemetry(): void {
  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME ?? "shipshape",
    instrumentations: [new PgInstrumentation({ requireParentSpan: true }), new PrismaInstrumentation()],
  });
  sdk.start();
  onShutdown("telemetry", 3, () => sdk.shutdown());
  logger.info(
    { endpoint: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT },
    "tracing: exporting spans over OTLP",
  );
}
