import { apiRoute, json } from "@/lib/api/handler";
import { can, denialReason } from "@/lib/auth/permissions";
import { getDoraReport } from "@/lib/data/dora";
import { forbidden, notFound } from "@/lib/errors";
import { ZDoraQuery } from "@/lib/schemas/period";

export const GET = apiRoute({ query: ZDoraQuery }, async ({ actor, params, query }) => {
  if (!can(actor, "read")) throw forbidden(denialReason(actor, "read delivery metrics"));
  const report = await getDoraReport({ service: params.slug }, query.window, query.benchmark);
  if (!report) throw notFound(`Service "${params.slug}"`);
  return json(report);
});
