import { apiRoute, json } from "@/lib/core/api/route";
import { createInitiative, getInitiative, initiativeJson, listInitiatives } from "@/lib/scorecards/server";
import { ZInitiativeApiInput } from "@/lib/scorecards/schemas";
import { resolveInitiativeInput } from "@/lib/scorecards/server";
import { z } from "zod";

const ZQuery = z.object({ archived: z.enum(["true", "false"]).default("false") });

/** Initiatives with their progress, soonest target first. */
export const GET = apiRoute({ query: ZQuery }, async ({ actor, query }) =>
  json((await listInitiatives(actor, { archived: query.archived === "true" })).map(initiativeJson)),
);

/** Creates an initiative (platform): a level or rules to reach, for teams and services, by a date. */
export const POST = apiRoute({ body: ZInitiativeApiInput }, async ({ actor, body }) => {
  const created = await createInitiative(await resolveInitiativeInput(actor!, body), actor!);
  return json(initiativeJson((await getInitiative(actor, created.id))!), 201);
});
