import { z } from "zod";
import { DAY_MS } from "@/lib/core/calendar";
import { MAX_WINDOW_DAYS } from "./params";

// A reporting window [from, to) in UTC. Dates (YYYY-MM-DD) mean midnight UTC; default: the last 90 days.
const ZInstant = z.union(
  [
    z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    z.iso.date().transform((s) => new Date(`${s}T00:00:00Z`)),
  ],
  { error: "must be an ISO-8601 date or date-time" },
);

export const ZDoraQuery = z
  .object({
    from: ZInstant.optional(),
    to: ZInstant.optional(),
    benchmark: z.enum(["2023", "2021"], { error: "must be 2023 or 2021" }).default("2023"),
  })
  .transform((q, ctx) => {
    const to = q.to ?? new Date();
    const from = q.from ?? new Date(to.getTime() - 90 * DAY_MS);
    if (from.getTime() >= to.getTime()) ctx.addIssue({ code: "custom", path: ["from"], message: "must be before to" });
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS)
      ctx.addIssue({ code: "custom", path: ["from"], message: `the window can span at most ${MAX_WINDOW_DAYS} days` });
    return { window: { from, to }, benchmark: q.benchmark };
  });
export type TDoraQuery = z.infer<typeof ZDoraQuery>;
