import { z } from "zod";
import { apiRoute, json } from "@/lib/core/api/route";
import { can, denialReason } from "@/lib/core/auth/permissions";
import { listWaivers } from "@/lib/readiness/server";
import { forbidden } from "@/lib/core/errors";

const ZQuery = z.object({ status: z.enum(["pending", "active", "expired", "rejected", "all"]).default("all") });

export const GET = apiRoute({ query: ZQuery }, async ({ actor, query }) => {
  if (!can(actor, "read")) throw forbidden(denialReason(actor, "read waivers"));
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
