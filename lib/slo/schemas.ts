import { z } from "zod";
import { ZIsoDateTime, ZSlug } from "@/lib/core/schemas";

export const SLO_WINDOWS = [7, 28, 30] as const;

export const ZSloName = z
  .string()
  .trim()
  .min(1, "is required")
  .max(63, "must be at most 63 characters")
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, "must be letters, digits, dots, dashes or underscores");

export const ZObjective = z
  .number({ error: "must be a number (percent, e.g. 99.9)" })
  .gt(0, "must be above 0")
  .max(100, "must be at most 100");

export const ZWindowDays = z.union([z.literal(7), z.literal(28), z.literal(30)], { error: "must be 7, 28 or 30" });

export const ZSloInput = z.object({
  service: ZSlug,
  name: ZSloName,
  objective: ZObjective,
  windowDays: ZWindowDays.default(30),
  /** "month": budget over the calendar month (UTC), not the rolling window. */
  calendarWindow: z.enum(["month"], { error: 'must be "month" or null (rolling)' }).nullable().optional(),
  description: z.string().trim().max(2000).optional().nullable(),
});
export type TSloInput = z.infer<typeof ZSloInput>;

// Only the fields a PATCH names change: `windowDays` has no default here.
export const ZSloPatch = ZSloInput.omit({ service: true }).extend({ windowDays: ZWindowDays }).partial();

export const MAX_SAMPLES = 10_000;

const ZCount = z
  .number({ error: "must be a whole number" })
  .int("must be a whole number")
  .min(0, "must be at least 0")
  .max(Number.MAX_SAFE_INTEGER);

export const ZSliInput = z.object({
  service: ZSlug,
  slo: ZSloName,
  samples: z
    .array(
      z
        .object({
          start: ZIsoDateTime,
          durationSeconds: z
            .number()
            .int()
            .min(1, "must be at least 1")
            .max(3600, "must be at most 3600 (one hour)")
            .default(300),
          good: ZCount,
          total: ZCount,
        })
        .refine((s) => s.good <= s.total, { path: ["good"], message: "must not exceed total" }),
    )
    .min(1, "must hold at least one sample")
    .max(MAX_SAMPLES, `must hold at most ${MAX_SAMPLES} samples`),
});
export type TSliInput = z.infer<typeof ZSliInput>;

// Forms of the slice's server actions.
export const ZSloForm = z.object({
  service: ZSlug,
  name: ZSloName,
  objective: z.coerce.number({ error: "must be a number" }).gt(0, "must be above 0").max(100, "must be at most 100"),
  // "month": the calendar month (UTC), kept with 30 days for its alert factors.
  windowDays: z
    .enum(["7", "28", "30", "month"], { error: "must be 7, 28 or 30 days, or the calendar month" })
    .transform((v) =>
      v === "month"
        ? { windowDays: 30 as const, calendarWindow: "month" as const }
        : { windowDays: Number(v) as 7 | 28 | 30, calendarWindow: null },
    ),
  description: z.string().trim().max(2000).optional(),
});

// A pulled SLO's source: a Prometheus-compatible API and Sloth-style rate queries ({{.window}}).
const ZPromQuery = z.string().trim().min(1, "is required").max(4000, "must be at most 4000 characters");

export const ZPrometheusUrl = z
  .string()
  .trim()
  .max(2000, "must be at most 2000 characters")
  .refine(
    (u) => {
      try {
        const url = new URL(u);
        return (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password;
      } catch {
        return false;
      }
    },
    { message: "must be an http(s) URL without credentials (put them in authorization)" },
  );

export const ZSloSourceInput = z
  .object({
    url: ZPrometheusUrl,
    /** The Authorization header to send, e.g. "Bearer …" or "Basic …"; sealed at rest. */
    authorization: z.string().trim().min(1).max(4096).optional().nullable(),
    goodQuery: ZPromQuery.optional(),
    errorQuery: ZPromQuery.optional(),
    totalQuery: ZPromQuery,
  })
  .refine((s) => (s.goodQuery === undefined) !== (s.errorQuery === undefined), {
    path: ["goodQuery"],
    message: "give goodQuery or errorQuery (Sloth's), not both nor neither",
  });
export type TSloSourceInput = z.infer<typeof ZSloSourceInput>;
