import { z } from "zod";
import { apiRoute, json } from "@/lib/core/api/route";
import { gateOf, getServiceScorecard } from "@/lib/scorecards/server";
import { notFound } from "@/lib/core/errors";
import { ZSlug } from "@/lib/core/schemas";

const ZQuery = z.object({
  level: z.enum(["bronze", "silver", "gold"], { error: "must be bronze, silver or gold" }).default("silver"),
  /** Which scorecard judges (default: the default one, "Production readiness" unless changed). */
  scorecard: ZSlug.optional(),
});

/** The deploy gate for CI: 200 when the service meets the level, 412 with the failing rules when not. */
export const GET = apiRoute({ query: ZQuery }, async ({ actor, params, query }) => {
  const scorecard = await getServiceScorecard(actor, params.slug, new Date(), query.scorecard);
  if (!scorecard) throw notFound(`Service "${params.slug}"`);
  const gate = gateOf(scorecard, query.level);
  const answer = { level: gate.level, required: gate.required, scorecard: gate.scorecard, inScope: gate.inScope };
  return gate.pass ? json({ pass: true, ...answer }) : json({ pass: false, ...answer, failing: gate.failing }, 412);
});
