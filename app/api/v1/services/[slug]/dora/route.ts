import { apiRoute, json } from "@/lib/core/api/route";
import { can, denialReason } from "@/lib/core/auth/permissions";
import { getDoraReport } from "@/lib/delivery/server";
import { forbidden, notFound } from "@/lib/core/errors";
import { ZDoraQuery } from "@/lib/core/period/query";

export const GET = apiRoute({ query: ZDoraQuery }, async ({ actor, params, query }) => {
  if (!can(actor, "read")) throw forbidden(denialReason(actor, "read delivery metrics"));
  const report = await getDoraReport({ service: params.slug }, query.window, query.benchmark);
  if (!report) throw notFound(`Service "${params.slug}"`);
  return json(report);
});
