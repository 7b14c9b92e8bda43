import { getCurrentUser } from "@/lib/core/auth/session";
import { can } from "@/lib/core/auth/permissions";
import { csvResponse } from "@/lib/core/api/csv";
import { listTeams } from "@/lib/catalog/server";

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
