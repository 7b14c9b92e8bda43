import { apiRoute, json } from "@/lib/api/handler";
import { toTeamDto } from "@/lib/api/dto";
import { can } from "@/lib/auth/permissions";
import { createTeam, listTeams } from "@/lib/data/teams";
import { forbidden } from "@/lib/errors";
import { ZTeamInput } from "@/lib/schemas/catalog";

export const GET = apiRoute({}, async ({ actor }) => {
  if (!can(actor, "read")) throw forbidden("This token cannot read (it needs the read scope)");
  const teams = await listTeams();
  return json(teams.map(toTeamDto));
});

export const POST = apiRoute({ body: ZTeamInput }, async ({ actor, body }) => {
  if (!can(actor, "team.create")) throw forbidden("Only platform users or admin tokens can create teams");
  const team = await createTeam(body, actor!);
  return json(toTeamDto({ ...team, services: 0, members: 0 }), 201);
});
