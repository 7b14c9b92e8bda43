import { NextResponse } from "next/server";
import type { Logger } from "pino";
import { AppError, isAppError, type ErrorCode, type ErrorDetail } from "@/lib/core/errors";

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: ErrorDetail[] } };

export function errorBody(code: ErrorCode, message: string, details?: ErrorDetail[]): ErrorBody {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/** The contract's error shape. Unexpected errors are logged and answered without stack or SQL. */
export function errorResponse(error: unknown, log: Logger): NextResponse<ErrorBody> {
  if (isAppError(error)) {
    const headers = error.retryAfterSeconds ? { "retry-after": String(error.retryAfterSeconds) } : undefined;
    return NextResponse.json(errorBody(error.code, error.message, error.details), { status: error.status, headers });
  }
  if (isDatabaseUnavailable(error)) {
    log.error({ err: error }, "database unavailable");
    return NextResponse.json(errorBody("unavailable", "The database is unavailable; try again shortly"), {
      status: 503,
    });
  }
  log.error({ err: error }, "unexpected error");
  return NextResponse.json(errorBody("internal", "Something went wrong on our side"), { status: 500 });
}

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

function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (
      typeof message === "string" &&
      /ECONNREFUSED|ECONNRESET|Connection terminated|connect ETIMEDOUT|timeout exceeded when trying to connect|Query read timeout|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|terminating connection|Code: `(57P0[1-3]|08\d{3}|53300)`/.test(
        message,
      )
    )
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export { AppError };
