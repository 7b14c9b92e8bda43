import { apiRoute, json } from "@/lib/core/api/route";
import { toTeamDto } from "@/lib/catalog/domain";
import { createTeam, listTeams } from "@/lib/catalog/server";

import { ZTeamInput } from "@/lib/catalog/schemas";

export const GET = apiRoute({}, async ({ actor }) => {
  const teams = await listTeams(actor);
  return json(teams.map(toTeamDto));
});

export const POST = apiRoute({ body: ZTeamInput }, async ({ actor, body }) => {
  const team = await createTeam(body, actor!);
  return json(toTeamDto({ ...team, services: 0, members: 0 }), 201);
});
