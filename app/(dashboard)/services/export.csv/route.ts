import type { NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/core/auth/session";
import { can } from "@/lib/core/auth/permissions";
import { csvResponse } from "@/lib/core/api/csv";
import { ZServiceListQuery, listServices } from "@/lib/catalog/server";

const EXPORT_LIMIT = 10_000;

export async function GET(req: NextRequest) {
  const user = await getCurrentUser();
  if (!can(user, "read")) return new Response("Sign in to export", { status: 401 });
  const parsed = ZServiceListQuery.omit({ page: true, pageSize: true }).safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!parsed.success) return new Response("Invalid filters", { status: 400 });
  const { rows } = await listServices({ ...parsed.data, page: 1, pageSize: EXPORT_LIMIT });
  return csvResponse(
    "services.csv",
    ["slug", "name", "team", "tier", "lifecycle", "type", "onCall", "archived"],
    rows.map((s) => [s.slug, s.name, s.team.slug, s.tier, s.lifecycle, s.type, s.onCall, s.archivedAt ? "yes" : "no"]),
  );
}
