import { exportRoute } from "@/lib/core/api/export-route";
import { listTeams } from "@/lib/catalog/server";

export const GET = exportRoute({}, async ({ actor }) => ({
  filename: "teams.csv",
  columns: ["slug", "name", "services", "members", "description"],
  rows: (await listTeams(actor)).map((t) => [t.slug, t.name, t.services, t.members, t.description]),
}));
