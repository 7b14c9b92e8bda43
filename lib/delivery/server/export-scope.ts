import "server-only";
import type { NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/core/auth/session";
import { can } from "@/lib/core/auth/permissions";
import { serviceIdsFor } from "@/lib/delivery/server/dora";
import { ZSlug } from "@/lib/core/schemas";
import { parsePagePeriod, type PagePeriod } from "@/lib/core/period/page-period";

/** Resolves ?service= or ?team= plus the period for the delivery CSV exports; a Response on failure. */
export async function exportScope(req: NextRequest): Promise<{ ids: string[]; period: PagePeriod; name: string } | Response> {
  const user = await getCurrentUser();
  if (!can(user, "read")) return new Response("Sign in to export", { status: 401 });
  const sp = Object.fromEntries(req.nextUrl.searchParams);
  const service = ZSlug.safeParse(sp.service);
  const team = ZSlug.safeParse(sp.team);
  const scope = service.success ? { service: service.data } : team.success ? { team: team.data } : null;
  if (!scope) return new Response("Give ?service=SLUG or ?team=SLUG", { status: 400 });
  const ids = await serviceIdsFor(scope);
  if (!ids) return new Response("Unknown service or team", { status: 404 });
  return { ids, period: parsePagePeriod(sp), name: service.success ? service.data : team.success ? team.data : "export" };
}
