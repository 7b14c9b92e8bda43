// Connection failures, a server shutting down or starting (class 57P), connection exceptions (class
// 08) and "too many connections" (53300): the database is not there for now, not the request's fault.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "P1001",
  "P1017",
]);

const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/** True when the error says the database is not there (down, restarting, full), not that the query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    // Prisma's driver adapter says it in a kind of its own (raw queries report code P2010 with it).
    const kind = (e as { kind?: unknown }).kind;
    if (typeof kind === "string" && UNAVAILABLE_KINDS.has(kind)) return true;
    const message = (e as { message?: unknown }).message;
    if (
      typeof message === "string" &&
      /Can't reach database server|ECONNREFUSED|ECONNRESET|Connection terminated|connect ETIMEDOUT|timeout exceeded when trying to connect|Query read timeout|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|terminating connection|Code: `(57P0[1-3]|08\d{3}|53300)`/.test(
        message,
      )
    )
      return true;
    const adapterError = (e as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError;
    e = adapterError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
