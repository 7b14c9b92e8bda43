import { apiRoute, json } from "@/lib/core/api/route";
import { applyScorecards } from "@/lib/scorecards/server";
import { ZScorecardApply } from "@/lib/scorecards/schemas";

/**
 * Scorecards as code over the API (`npm run cli -- scorecard apply DIR --url …`): makes the
 * scorecards match the files, all or nothing, and answers the plan; `dryRun` changes nothing.
 */
export const POST = apiRoute({ body: ZScorecardApply }, async ({ actor, body }) =>
  json(await applyScorecards(body.files, actor!, { dryRun: body.dryRun, prune: body.prune })),
);
