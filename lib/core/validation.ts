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
