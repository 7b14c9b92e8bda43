import { exportRoute } from "@/lib/core/api/export-route";
import { MAX_EXPORT_ROWS } from "@/lib/core/api/limits";
import { ZServiceListQuery, listServices } from "@/lib/catalog/server";
import { tagsOf } from "@/lib/catalog/domain";
import { formatTags } from "@/lib/catalog/schemas";

export const GET = exportRoute(
  { query: ZServiceListQuery.omit({ page: true, pageSize: true }) },
  async ({ actor, query }) => {
    const { rows } = await listServices(actor, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS });
    return {
      filename: "services.csv",
      columns: ["slug", "name", "team", "tier", "lifecycle", "type", "onCall", "tags", "archived"],
      rows: rows.map((s) => [
        s.slug,
        s.name,
        s.team.slug,
        s.tier,
        s.lifecycle,
        s.type,
        s.onCall,
        formatTags(tagsOf(s.tags)),
        s.archivedAt ? "yes" : "no",
      ]),
    };
  },
);
