import { apiRoute, json } from "@/lib/core/api/route";
import { listExemptions, requestExemption } from "@/lib/scorecards/server";
import { ZExemptionRequest } from "@/lib/scorecards/schemas";
import { getDefaultScorecard } from "@/lib/scorecards/server";
import { AppError } from "@/lib/core/errors";

/** The service's rule exemptions, every state. */
export const GET = apiRoute({}, async ({ actor, params }) =>
  json(await listExemptions(actor, { service: params.slug })),
);

/** Asks for one rule to be waived until `expiresAt`, with a justification: 201, pending a platform decision. */
export const POST = apiRoute({ body: ZExemptionRequest }, async ({ actor, body, params }) => {
  const scorecard = body.scorecard ?? (await getDefaultScorecard(actor))?.key;
  if (!scorecard)
    throw new AppError("validation_failed", "No default scorecard: name one", [
      { path: "scorecard", message: "is required" },
    ]);
  return json(await requestExemption({ ...body, scorecard, service: params.slug }, actor!), 201);
});
