// What must close when the server stops (lib/core/runtime/http-server.mjs runs these in order after
// the last in-flight request): the job runner first, then the database pool. Kept on globalThis:
// the front server is plain JavaScript and cannot import the app's modules.
type ShutdownHook = { name: string; order: number; run: () => Promise<void> };

const globalForShutdown = globalThis as unknown as {
  shipshapeShutdownHooks?: ShutdownHook[];
  shipshapeShuttingDown?: boolean;
};

export function onShutdown(name: string, order: number, run: () => Promise<void>): void {
  const hooks = (globalForShutdown.shipshapeShutdownHooks ??= []);
  if (!hooks.some((h) => h.name === name)) hooks.push({ name, order, run });
}

/** True once SIGTERM arrived: readiness fails so that no new traffic is routed here. */
export function shuttingDown(): boolean {
  return globalForShutdown.shipshapeShuttingDown === true;
}
