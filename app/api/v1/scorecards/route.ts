import { apiRoute, json } from "@/lib/core/api/route";
import { importScorecard, listScorecardDefinitions, scorecardDefinitionJson } from "@/lib/scorecards/server";

/** Every scorecard with its scope and rules, the default first. */
export const GET = apiRoute({}, async ({ actor }) =>
  json((await listScorecardDefinitions(actor)).map(scorecardDefinitionJson)),
);

/**
 * Creates or replaces a scorecard from its YAML (application/yaml, the format of …/export): its rules
 * become exactly the document's. 201 when created, 200 when updated or unchanged.
 */
export const POST = apiRoute({ bodyFormat: "yaml" }, async ({ actor, rawBody }) => {
  const result = await importScorecard(rawBody.toString("utf8"), actor!);
  return json(result, result.action === "created" ? 201 : 200);
});
