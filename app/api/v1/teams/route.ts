import { apiRoute, json } from "@/lib/core/api/route";
import { toTeamDto } from "@/lib/catalog/domain";
import { can } from "@/lib/core/auth/permissions";
import { createTeam, listTeams } from "@/lib/catalog/server";
import { forbidden } from "@/lib/core/errors";
import { ZTeamInput } from "@/lib/catalog/schemas";

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
