// Runs once when the server starts. Node-only work lives in instrumentation-node.ts, which the
// edge bundle never sees. Tracing starts first, so that it sees the database modules load; without
// an OTLP endpoint the SDK is never loaded.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
      const { startTelemetry } = await import("./lib/core/telemetry");
      startTelemetry();
    }
    await import("./instrumentation-node");
  }
}
