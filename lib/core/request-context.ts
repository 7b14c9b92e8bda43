import { AsyncLocalStorage } from "node:async_hooks";

// The request a piece of work belongs to, so that what it queues (a notification delivery) carries
// the request id into the job's logs. One store per process, on globalThis: Next's route bundles
// each load this module, and they must all see the same store.
type RequestContext = { requestId: string };

const globalForContext = globalThis as unknown as {
  shipshapeRequestContext?: AsyncLocalStorage<RequestContext>;
  /** Set by lib/core/runtime/http-server.mjs, which writes one log line per request and takes the route from here. */
  shipshapeRouteLog?: Map<string, string>;
};
const store = (globalForContext.shipshapeRequestContext ??= new AsyncLocalStorage<RequestContext>());

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's X-Request-Id when it is a sane token (from a load balancer or a client), else a new one. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && REQUEST_ID.test(header) ? header : crypto.randomUUID();
}

export function withRequestContext<T>(requestId: string, run: () => T): T {
  return store.run({ requestId }, run);
}

/** The id of the request being served, if any (jobs and start-up have none). */
export function currentRequestId(): string | undefined {
  return store.getStore()?.requestId;
}

/** Tells the front server's request log the route pattern of an API request (bounded: it deletes each entry). */
export function noteRoute(requestId: string, route: string): void {
  globalForContext.shipshapeRouteLog?.set(requestId, route);
}
