import { z } from "zod";
import { apiRoute, json } from "@/lib/core/api/route";
import { gateOf, getServiceScorecard } from "@/lib/scorecards/server";
import { notFound } from "@/lib/core/errors";

const ZQuery = z.object({
  level: z.enum(["bronze", "silver", "gold"], { error: "must be bronze, silver or gold" }).default("silver"),
});

/** The deploy gate for CI: 200 when the service meets the level, 412 with the failing rules when not. */
export const GET = apiRoute({ query: ZQuery }, async ({ actor, params, query }) => {
  const scorecard = await getServiceScorecard(actor, params.slug);
  if (!scorecard) throw notFound(`Service "${params.slug}"`);
  const gate = gateOf(scorecard, query.level);
  return gate.pass
    ? json({ pass: true, level: gate.level, required: gate.required })
    : json({ pass: false, level: gate.level, required: gate.required, failing: gate.failing }, 412);
});
