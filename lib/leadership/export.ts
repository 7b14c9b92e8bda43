import "server-only";
import type { NextRequest } from "next/server";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { parseLeadershipPeriod, type LeadershipPeriod } from "./period";

/** Shared by the leadership CSV exports: the same permission as the page, and the period from the URL. */
export async function leadershipExport(req: NextRequest, build: (period: LeadershipPeriod, sp: Record<string, string>) => Promise<Response>): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in to export", { status: 401 });
  if (!can(user, "roi.edit")) return new Response("Leadership and the platform team only", { status: 403 });
  const sp = Object.fromEntries(req.nextUrl.searchParams);
  return build(parseLeadershipPeriod(sp), sp);
}
