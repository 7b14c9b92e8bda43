import type { NextRequest } from "next/server";
import { z } from "zod";
import { getCurrentUser } from "@/lib/core/auth/session";
import { can } from "@/lib/core/auth/permissions";
import { csvResponse } from "@/lib/core/api/csv";
import { listWaivers } from "@/lib/readiness/server";

const ZStatus = z.enum(["pending", "active", "expired", "rejected", "all"]).default("all");

export async function GET(req: NextRequest) {
  const user = await getCurrentUser();
  if (!can(user, "read")) return new Response("Sign in to export", { status: 401 });
  const status = ZStatus.safeParse(req.nextUrl.searchParams.get("status") ?? undefined);
  if (!status.success) return new Response("Unknown status filter", { status: 400 });
  const waivers = await listWaivers(status.data);
  return csvResponse(
    "waivers.csv",
    ["service", "team", "item", "status", "expiresAt", "requestedBy", "justification"],
    waivers.map((w) => [w.service.slug, w.service.team.slug, w.itemKey, w.expired ? "expired" : w.status, w.expiresAt.toISOString(), w.requestedBy, w.justification]),
  );
}
