import { NextResponse } from "next/server";

/** Below this, an answer is sent as it is (the server's compression starts at 1 KiB). */
const COMPRESS_FROM = 1024;

/**
 * A JSON response. The server compresses answers of unknown length whatever their size (it streams
 * them), so a small one says `no-transform`: starting a gzip stream for an ingest's or a webhook's
 * few dozen bytes was a fifth of a delivery's CPU. API answers are not cached anyway.
 */
export function jsonResponse<T>(
  data: T,
  init: { status?: number; headers?: Record<string, string> } = {},
): NextResponse<T> {
  const body = JSON.stringify(data);
  const small = Buffer.byteLength(body) < COMPRESS_FROM;
  return new NextResponse(body, {
    status: init.status ?? 200,
    headers: {
      ...init.headers,
      "content-type": "application/json",
      ...(small ? { "cache-control": "no-store, no-transform" } : {}),
    },
  }) as NextResponse<T>;
}
