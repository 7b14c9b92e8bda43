import { apiRoute, json } from "@/lib/core/api/route";
import { getDoraReport } from "@/lib/delivery/server";
import { notFound } from "@/lib/core/errors";
import { ZDoraQuery } from "@/lib/core/period";

export const GET = apiRoute({ query: ZDoraQuery }, async ({ actor, params, query }) => {
  const report = await getDoraReport(actor, { service: params.slug }, query.window, query.benchmark);
  if (!report) throw notFound(`Service "${params.slug}"`);
  return json(report);
});
