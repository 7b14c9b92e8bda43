import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { requestIdFrom, withRequestContext } from "@/lib/core/request-context";
import { z } from "zod";
import { getCurrentUser } from "@/lib/core/auth/session";
import type { UserActor } from "@/lib/core/auth/permissions";
import { isAppError, type ErrorCode } from "@/lib/core/errors";
import { logger } from "@/lib/core/logger";
import { nulPath } from "@/lib/core/validation";

export type ActionState<T = undefined> =
  | { status: "idle" }
  | { status: "success"; message?: string; data?: T }
  | { status: "error"; message: string; fieldErrors?: Record<string, string[]>; code?: ErrorCode; data?: T };

export const idle: ActionState<never> = { status: "idle" };

/** Form fields as an object; repeated names (checkbox groups) become arrays. */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = form.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

/**
 * Every server action goes through here: it gets the session (a disabled user has none), validates
 * the form with zod, and reports expected errors by message and field. The action itself calls
 * can() with the resource it loads, and lib/data records the audit entry in the same transaction.
 */
export function authedAction<S extends z.ZodType, T = undefined>(
  schema: S,
  run: (input: z.infer<S>, user: UserActor) => Promise<ActionState<T>>,
) {
  return async (_prev: ActionState<T>, form: FormData): Promise<ActionState<T>> =>
    withRequestContext(requestIdFrom((await headers()).get("x-request-id")), () => runAction(schema, run, form));
}

async function runAction<S extends z.ZodType, T>(
  schema: S,
  run: (input: z.infer<S>, user: UserActor) => Promise<ActionState<T>>,
  form: FormData,
): Promise<ActionState<T>> {
  const user = await getCurrentUser();
  if (!user) return { status: "error", message: "Your session has ended. Sign in again." };
  // A raw POST to the action's endpoint may carry anything: only form data is a form.
  if (!(form instanceof FormData))
    return { status: "error", message: "This action takes a form.", code: "validation_failed" };
  const fields = formToObject(form);
  if (nulPath(fields) !== null)
    return { status: "error", message: "Text may not contain NUL characters.", code: "validation_failed" };
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join(".") || "form";
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return { status: "error", message: "Check the highlighted fields.", fieldErrors };
  }
  try {
    return await run(parsed.data, user);
  } catch (error) {
    unstable_rethrow(error); // redirect() and notFound() signal through exceptions
    if (isAppError(error)) {
      const fieldErrors = error.details?.length
        ? Object.fromEntries(error.details.map((d) => [d.path, [d.message]]))
        : undefined;
      return { status: "error", message: error.message, code: error.code, fieldErrors };
    }
    logger.error({ err: error, userId: user.id }, "server action failed");
    return { status: "error", message: "Something went wrong on our side. Try again." };
  }
}
