import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { csvResponse } from "@/lib/csv";
import { listTeams } from "@/lib/data/teams";

export async function GET() {
  const user = await getCurrentUser();
  if (!can(user, "read")) return new Response("Sign in to export", { status: 401 });
  const teams = await listTeams();
  return csvResponse(
    "teams.csv",
    ["slug", "name", "services", "members", "description"],
    teams.map((t) => [t.slug, t.name, t.services, t.members, t.description]),
  );
}
