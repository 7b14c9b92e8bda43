import { apiRoute, json, ZIdParams } from "@/lib/core/api/route";
import { getInitiative, initiativeJson } from "@/lib/scorecards/server";
import { notFound } from "@/lib/core/errors";

/** One initiative: progress, and per service in scope what it still misses. */
export const GET = apiRoute({ params: ZIdParams }, async ({ actor, params }) => {
  const initiative = await getInitiative(actor, params.id);
  if (!initiative) throw notFound("Initiative");
  return json(initiativeJson(initiative));
});
