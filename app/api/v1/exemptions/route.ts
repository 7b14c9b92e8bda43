import { apiRoute, json } from "@/lib/core/api/route";
import { listExemptions } from "@/lib/scorecards/server";
import { ZExemptionListQuery } from "@/lib/scorecards/schemas";

/** Rule exemptions, soonest expiry first (`?status=pending|active|expired|rejected|revoked|all&service=`). */
export const GET = apiRoute({ query: ZExemptionListQuery }, async ({ actor, query }) =>
  json(await listExemptions(actor, { state: query.status, service: query.service })),
);
