import { z } from "zod";
import { apiRoute, json } from "@/lib/core/api/route";
import { listWaivers } from "@/lib/readiness/server";

const ZQuery = z.object({ status: z.enum(["pending", "active", "expired", "rejected", "all"]).default("all") });

export const GET = apiRoute({ query: ZQuery }, async ({ actor, query }) => {
  const waivers = await listWaivers(actor, query.status);
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
