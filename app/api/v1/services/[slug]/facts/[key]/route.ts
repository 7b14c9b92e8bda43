import { z } from "zod";
import { apiRoute, json, parseJsonBody } from "@/lib/core/api/route";
import { deleteFact, getFact, putFact } from "@/lib/catalog/server";
import { MAX_FACT_BYTES, ZFactKey } from "@/lib/catalog/schemas";
import { AppError } from "@/lib/core/errors";
import { parseOrThrow } from "@/lib/core/validation";

const ZParams = z.object({ slug: z.string(), key: ZFactKey });
const ZQuery = z.object({ history: z.coerce.number().int().min(0).max(500).default(20) });

/** The fact's value, when and by what it was last written, and its latest revisions (newest first). */
export const GET = apiRoute({ query: ZQuery }, async ({ actor, params, query }) => {
  const { slug, key } = parseOrThrow(ZParams, params);
  return json(await getFact(actor, slug, key, query.history));
});

/**
 * The body is the value: a JSON value of up to 64 KiB (`curl -X PUT --data '{"line": 81.5}'`; a
 * Content-Type other than JSON is tolerated, the body must still parse). 201 when the fact is new.
 */
export const PUT = apiRoute({ bodyFormat: "raw" }, async ({ actor, params, rawBody }) => {
  const { slug, key } = parseOrThrow(ZParams, params);
  if (rawBody.length > MAX_FACT_BYTES)
    throw new AppError(
      "payload_too_large",
      `A fact's value may be at most 64 KiB; this body is ${rawBody.length} bytes`,
    );
  if (rawBody.length === 0) throw new AppError("bad_json", "The body must be the fact's JSON value; it is empty");
  const value = parseJsonBody(rawBody);
  const result = await putFact(actor!, slug, key, value);
  return json({ ...result.fact, changed: result.changed }, result.created ? 201 : 200);
});

export const DELETE = apiRoute({}, async ({ actor, params }) => {
  const { slug, key } = parseOrThrow(ZParams, params);
  await deleteFact(actor!, slug, key);
  return new Response(null, { status: 204 });
});
