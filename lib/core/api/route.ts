import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { Logger } from "pino";
import { z } from "zod";
import { getCurrentUser } from "@/lib/core/auth/session";
import type { Actor } from "@/lib/core/auth/permissions";
import { findTokenActor } from "@/lib/access/server";
import { AppError } from "@/lib/core/errors";
import { logger } from "@/lib/core/logger";
import { observeRequest, routePattern } from "@/lib/core/metrics";
import { noteRoute, requestIdFrom, withRequestContext } from "@/lib/core/request-context";
import { clientIp } from "./client-ip";
import { jsonResponse } from "./json-response";
import { consumeRateLimit } from "./rate-limit";
import { errorResponse } from "./errors";
import { MAX_BODY_BYTES } from "./limits";
import { parseOrThrow, rejectNul } from "@/lib/core/validation";

export { MAX_BODY_BYTES };

type BodyFormat = "json" | "yaml" | "csv" | "raw";

const CONTENT_TYPES: Record<BodyFormat, string[]> = {
  json: ["application/json"],
  yaml: ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"],
  csv: ["text/csv", "application/csv"],
  raw: [],
};

export type RouteContext<B, Q> = {
  req: NextRequest;
  actor: Actor | null;
  body: B;
  /** The body's bytes as received (webhook signatures are computed over these). */
  rawBody: Buffer;
  query: Q;
  params: Record<string, string>;
  log: Logger;
};

type RouteOptions<B, Q> = {
  /** "none" for health checks and signed webhooks; default: a token or a session is required. */
  auth?: "required" | "none";
  bodyFormat?: BodyFormat;
  /** Validates the parsed JSON body (or the text, for yaml/csv). */
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** Path segments that must have a shape (ids are UUIDs): anything else is a 404, never a 500. */
  params?: z.ZodType<Record<string, string>>;
  /** The body cap (default MAX_BODY_BYTES, 1 MiB): CSV imports take a year of events. */
  maxBodyBytes?: number;
  /** Told of every request refused with an expected error (not a rate limit): webhooks count theirs. */
  onRejected?: (error: AppError) => Promise<void>;
};

type NextRouteContext = { params?: Promise<Record<string, string | string[]>> };

/** `{id}` path segments are UUIDs. */
export const ZIdParams = z.object({ id: z.uuid() });

export function json<T>(data: T, status = 200): NextResponse<T> {
  return jsonResponse(data, { status });
}

async function authenticate(req: NextRequest): Promise<Actor | null> {
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError("unauthorized", "Authorization header must be `Bearer <token>`");
    const actor = await findTokenActor(match[1]);
    if (!actor) throw new AppError("unauthorized", "The API token is invalid or revoked");
    return actor;
  }
  const user = await getCurrentUser();
  if (user && !SAFE_METHODS.has(req.method)) refuseCrossOrigin(req);
  return user;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A change made with the session cookie must come from this site's pages: a browser sends Origin
 * with every such request, so a foreign or "null" Origin is a cross-site request forgery attempt.
 * (Bearer tokens are not sent by browsers on their own, so token calls are not subject to this.)
 */
function refuseCrossOrigin(req: NextRequest): void {
  const origin = req.headers.get("origin");
  if (origin === null) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let ok = false;
  try {
    ok = origin !== "null" && new URL(origin).host === host;
  } catch {
    ok = false;
  }
  if (!ok) throw new AppError("forbidden", "Cross-site requests may not use the session cookie");
}

/** The rate limit (./rate-limit.ts), per actor, or per client address when anonymous. */
function rateLimit(req: NextRequest, actor: Actor | null): Promise<void> {
  return consumeRateLimit(actor ? `${actor.kind}:${actor.id}` : `ip:${clientIp(req.headers)}`);
}

async function readBody(req: NextRequest, limit: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length"));
  const tooLarge = () =>
    new AppError("payload_too_large", `The body is larger than ${limit} bytes (${limit / (1024 * 1024)} MiB)`);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function checkContentType(req: NextRequest, format: BodyFormat): void {
  const accepted = CONTENT_TYPES[format];
  if (accepted.length === 0) return;
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!accepted.includes(type)) {
    throw new AppError("unsupported_media_type", `Content-Type must be ${accepted[0]}${type ? `, not ${type}` : ""}`);
  }
}

/** The body as JSON, or `bad_json`: for routes that must look at the raw bytes first (signatures). */
export function parseJsonBody(raw: Buffer): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw new AppError("bad_json", `The body is not valid JSON: ${(error as Error).message}`);
  }
  rejectNul(parsed);
  return parsed;
}

function decodeBody(raw: Buffer, format: BodyFormat): unknown {
  if (format === "json") return parseJsonBody(raw);
  const text = raw.toString("utf8");
  rejectNul(text);
  return text;
}

function withoutNul<T>(value: T): T {
  rejectNul(value);
  return value;
}

function flatParams(params: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
}

/**
 * Wraps a route handler with what every API route needs: authentication (Bearer token or session),
 * rate limiting, the 1 MiB body cap, content-type and JSON checks, zod validation of body and query,
 * and the contract's error shape. Permission checks stay in the handler: it knows the resource.
 */
export function apiRoute<B = undefined, Q = undefined>(
  options: RouteOptions<B, Q>,
  handler: (ctx: RouteContext<B, Q>) => Promise<Response>,
) {
  const handle = async (req: NextRequest, context: NextRouteContext, requestId: string): Promise<Response> => {
    const log = logger.child({ requestId, method: req.method, path: req.nextUrl.pathname });
    try {
      const actor =
        options.auth === "none"
          ? null
          : await authenticate(req).catch(async (error: unknown) => {
              if (error instanceof AppError && error.code === "unauthorized") await rateLimit(req, null);
              throw error;
            });
      if (options.auth !== "none" && !actor) {
        throw new AppError("unauthorized", "Authentication required: send `Authorization: Bearer <token>` or sign in");
      }
      await rateLimit(req, actor);
      const params = flatParams((await context?.params) ?? {});
      if (options.params && !options.params.safeParse(params).success) {
        throw new AppError("not_found", `No such resource at ${req.nextUrl.pathname}`);
      }
      const query = (
        options.query
          ? parseOrThrow(options.query, withoutNul(Object.fromEntries(req.nextUrl.searchParams)))
          : undefined
      ) as Q;
      let rawBody: Buffer = Buffer.alloc(0);
      let body = undefined as B;
      if (options.body || options.bodyFormat) {
        const format = options.bodyFormat ?? "json";
        checkContentType(req, format);
        rawBody = await readBody(req, options.maxBodyBytes ?? MAX_BODY_BYTES);
        const decoded = decodeBody(rawBody, format);
        body = (options.body ? parseOrThrow(options.body, decoded) : decoded) as B;
      }
      return await handler({ req, actor, body, rawBody, query, params, log });
    } catch (error) {
      if (options.onRejected && error instanceof AppError && error.code !== "rate_limited")
        await options.onRejected(error);
      return errorResponse(error, log);
    }
  };
  // Timed by route pattern for /metrics; the request id (the front server's, else a new one) is
  // echoed, carried into what the request queues, and the route pattern goes into its log line.
  return async (req: NextRequest, context: NextRouteContext): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers.get("x-request-id"));
    const res = await withRequestContext(requestId, () => handle(req, context, requestId));
    const params = (await context?.params) ?? {};
    const route = routePattern(req.nextUrl.pathname, params);
    observeRequest(req.method, route, res.status, (performance.now() - started) / 1000);
    noteRoute(requestId, route);
    try {
      res.headers.set("x-request-id", requestId);
    } catch {
      // an immutable response (a redirect from a library): the id stays in the logs
    }
    return res;
  };
}
