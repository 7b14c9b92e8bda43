import { z } from "zod";
import { apiRoute, json } from "@/lib/core/api/route";
import { authorize } from "@/lib/core/auth/permissions";
import { listWaivers } from "@/lib/readiness/server";

const ZQuery = z.object({ status: z.enum(["pending", "active", "expired", "rejected", "all"]).default("all") });

export const GET = apiRoute({ query: ZQuery }, async ({ actor, query }) => {
  authorize(actor, "read", null, "read waivers");
  const waivers = await listWaivers(query.status);
  return json(
    waivers.map((w) => ({
      id: w.id,
      service: w.service.slug,
      team: w.service.team.slug,
      item: w.itemKey,
      itemTitle: w.itemTitle,
      status: w.expired ? "expired" : w.status,
      justification: w.justification,
      expiresAt: w.expiresAt.toISOString(),
      requestedBy: w.requestedBy,
      createdAt: w.createdAt.toISOString(),
    })),
  );
});
