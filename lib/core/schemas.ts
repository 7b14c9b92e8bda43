import { z } from "zod";

export const ZSlug = z
  .string()
  .trim()
  .min(2, "must be at least 2 characters")
  .max(63, "must be at most 63 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case letters, digits and single hyphens");

export const ZName = z.string().trim().min(1, "is required").max(120, "must be at most 120 characters");

export const ZOptionalText = (max: number) =>
  z.string().trim().max(max, `must be at most ${max} characters`).optional().nullable();

export const ZOptionalUrl = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .max(2048)
  .optional()
  .nullable();

export const ZIsoDateTime = z.iso.datetime({ offset: true, error: "must be an ISO-8601 date-time" });

export const ZPage = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** A path segment that names a row by id: anything that is not a UUID is simply not found. */
export const isUuid = (value: string) => z.uuid().safeParse(value).success;
