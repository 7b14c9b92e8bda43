import { z } from "zod";
import { apiRoute, json } from "@/lib/core/api/route";
import { toSloDto } from "@/lib/slo/domain";
import { evaluateServiceSlos } from "@/lib/slo/server";
import { notFound } from "@/lib/core/errors";
import { ZIsoDateTime } from "@/lib/core/schemas";

const ZQuery = z.object({ at: ZIsoDateTime.optional() });

/** Every SLO of the service evaluated at `at` (default now): reproducible for any instant. */
export const GET = apiRoute({ query: ZQuery }, async ({ actor, params, query }) => {
  const slos = await evaluateServiceSlos(actor, params.slug, query.at ? new Date(query.at) : new Date());
  if (!slos) throw notFound(`Service "${params.slug}"`);
  return json(slos.map(toSloDto));
});
