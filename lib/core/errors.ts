// Expected errors carry a contract code (CONTRACT §3) and a message safe to show; anything else is
// unexpected, logged with context, and answered with a generic `internal` error.

export type ErrorCode =
  | "validation_failed"
  | "bad_json"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "unavailable"
  | "internal";

export type ErrorDetail = { path: string; message: string };

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 400,
  bad_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetail[];
  /** For `rate_limited`: when to try again, sent as Retry-After. */
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, details?: ErrorDetail[], retryAfterSeconds?: number) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const forbidden = (message = "You do not have permission to do this") => new AppError("forbidden", message);
export const conflict = (message: string) => new AppError("conflict", message);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
