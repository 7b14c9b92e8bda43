import { z } from "zod";
import { exportRoute } from "@/lib/core/api/export-route";
import { listWaivers } from "@/lib/readiness/server";

const ZQuery = z.object({ status: z.enum(["pending", "active", "expired", "rejected", "all"]).default("all") });

export const GET = exportRoute({ query: ZQuery }, async ({ actor, query }) => ({
  filename: "waivers.csv",
  columns: ["service", "team", "item", "status", "expiresAt", "requestedBy", "justification"],
  rows: (await listWaivers(actor, query.status)).map((w) => [
    w.service.slug,
    w.service.team.slug,
    w.itemKey,
    w.expired ? "expired" : w.status,
    w.expiresAt.toISOString(),
    w.requestedBy,
    w.justification,
  ]),
}));
