import { z } from "zod";
import { NOTIFICATION_EVENTS } from "@/lib/notifications/domain/message";

// Forms of the slice's server actions.
const events = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(NOTIFICATION_EVENTS)).min(1, "pick at least one event"),
);

export const ZWebhookForm = z.object({
  name: z.string().trim().min(1, "is required").max(120),
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2048),
  teamId: z.union([z.literal(""), z.uuid()]).transform((v) => (v === "" ? null : v)),
  events,
});
