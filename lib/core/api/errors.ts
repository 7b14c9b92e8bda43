import type { NextResponse } from "next/server";
import { jsonResponse } from "./json-response";
import type { Logger } from "pino";
import { AppError, isAppError, type ErrorCode, type ErrorDetail } from "@/lib/core/errors";
import { isDatabaseUnavailable } from "@/lib/core/db/unavailable";

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: ErrorDetail[] } };

export function errorBody(code: ErrorCode, message: string, details?: ErrorDetail[]): ErrorBody {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/** The contract's error shape. Unexpected errors are logged and answered without stack or SQL. */
export function errorResponse(error: unknown, log: Logger): NextResponse<ErrorBody> {
  if (isAppError(error)) {
    const headers = error.retryAfterSeconds ? { "retry-after": String(error.retryAfterSeconds) } : undefined;
    return jsonResponse(errorBody(error.code, error.message, error.details), { status: error.status, headers });
  }
  if (isDatabaseUnavailable(error)) {
    log.error({ err: error }, "database unavailable");
    return jsonResponse(errorBody("unavailable", "The database is unavailable; try again shortly"), {
      status: 503,
    });
  }
  log.error({ err: error }, "unexpected error");
  return jsonResponse(errorBody("internal", "Something went wrong on our side"), { status: 500 });
}

export { AppError };
