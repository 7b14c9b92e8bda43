import { apiRoute, json, ZIdParams } from "@/lib/core/api/route";
import { getSloSource, removeSloSource, setSloSource } from "@/lib/slo/server";
import { ZSloSourceInput } from "@/lib/slo/schemas";
import { notFound } from "@/lib/core/errors";

// An SLO's pulled source: a Prometheus-compatible API and its queries, with how the last pulls went.
export const GET = apiRoute({ params: ZIdParams }, async ({ actor, params }) => {
  const source = await getSloSource(params.id, actor);
  if (!source) throw notFound("Source of this SLO");
  return json(source);
});

/** Connects the SLO (platform team): the next run backfills the raw retention. */
export const PUT = apiRoute({ body: ZSloSourceInput, params: ZIdParams }, async ({ actor, body, params }) =>
  json(await setSloSource(params.id, body, actor!)),
);

export const DELETE = apiRoute({ params: ZIdParams }, async ({ actor, params }) => {
  await removeSloSource(params.id, actor!);
  return new Response(null, { status: 204 });
});
