import { z } from "zod";
import { AppError, type ErrorDetail } from "@/lib/core/errors";

// Missing fields read "is required" everywhere, instead of zod's "expected string, received undefined".
z.config({
  customError: (issue) => (issue.code === "invalid_type" && issue.input === undefined ? "is required" : undefined),
});

export function issuesToDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : issue.message,
  }));
}

export function validationError(error: z.ZodError): AppError {
  const details = issuesToDetails(error);
  const fields = new Set(details.map((d) => d.path)).size;
  return new AppError(
    "validation_failed",
    fields === 1 ? "1 field is invalid" : `${fields} fields are invalid`,
    details,
  );
}

export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/**
 * The path of the first string holding a NUL character or a lone UTF-16 surrogate (JSON's "\ud800"),
 * which PostgreSQL cannot store in text or jsonb, or null. Checked at the boundary so such input is
 * a 400 naming the field, never a database error.
 */
export function nulPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string")
    return value.includes("\u0000") || !value.isWellFormed() ? path.join(".") || "body" : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], [...path, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = nulPath(k, [...path, k]) ?? nulPath(v, [...path, k]);
      if (found !== null) return found;
    }
  }
  return null;
}

export function rejectNul(value: unknown): void {
  const at = nulPath(value);
  if (at !== null) {
    throw new AppError("validation_failed", "1 field is invalid", [
      { path: at, message: "must not contain NUL characters or unpaired surrogates" },
    ]);
  }
}
