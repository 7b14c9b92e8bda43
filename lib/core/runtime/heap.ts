// The server's V8 heap limit. Left alone, Node sizes the heap from the machine's memory, not the
// container's, and lets it grow lazily towards that: a replica reached 836 MiB resident under the
// benchmark, beyond the 768 MiB limit of the Kubernetes manifests. SHIPSHAPE_HEAP_MB (384 by default)
// caps the old generation so that the collector works sooner; NODE_OPTIONS with its own
// --max-old-space-size wins. The container's entrypoint applies the same default.

export const DEFAULT_HEAP_MB = 384;

/** The node flags that start the HTTP server with the heap limit. */
export function heapArgs(env: Record<string, string | undefined> = process.env): string[] {
  if (/--max-old-space-size/.test(env.NODE_OPTIONS ?? "")) return [];
  const mb = Number(env.SHIPSHAPE_HEAP_MB ?? DEFAULT_HEAP_MB);
  return Number.isInteger(mb) && mb >= 128
    ? [`--max-old-space-size=${mb}`]
    : [`--max-old-space-size=${DEFAULT_HEAP_MB}`];
}
