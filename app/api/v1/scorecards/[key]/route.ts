import { apiRoute, json } from "@/lib/core/api/route";
import { getScorecardDefinition, importScorecard, scorecardDefinitionJson } from "@/lib/scorecards/server";
import { ZScorecardDocument, scorecardToYaml } from "@/lib/scorecards/domain";
import { ZScorecardKeyParams } from "@/lib/scorecards/schemas";
import { AppError } from "@/lib/core/errors";
import { authorize } from "@/lib/core/auth/permissions";

export const GET = apiRoute({ params: ZScorecardKeyParams }, async ({ actor, params }) => {
  authorize(actor, "read");
  return json(scorecardDefinitionJson(await getScorecardDefinition(params.key)));
});

/** Replaces the scorecard with a JSON document (the YAML document's shape): its rules become exactly these. */
export const PUT = apiRoute(
  { params: ZScorecardKeyParams, body: ZScorecardDocument },
  async ({ actor, params, body }) => {
    if (body.key !== params.key)
      throw new AppError("validation_failed", `The document's key "${body.key}" is not "${params.key}"`, [
        { path: "key", message: `must be "${params.key}"` },
      ]);
    const result = await importScorecard(scorecardToYaml(body), actor!);
    return json(result, result.action === "created" ? 201 : 200);
  },
);
