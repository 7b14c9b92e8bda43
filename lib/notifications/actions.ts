"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  createWebhook,
  deleteWebhook,
  queueTestNotification,
  updateWebhook,
} from "@/lib/notifications/server/webhooks";
import { NOTIFICATION_EVENTS } from "@/lib/notifications/domain/message";
import { authedAction } from "@/lib/core/auth/action";

const events = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(NOTIFICATION_EVENTS)).min(1, "pick at least one event"),
);

const ZWebhookForm = z.object({
  name: z.string().trim().min(1, "is required").max(120),
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2048),
  teamId: z.union([z.literal(""), z.uuid()]).transform((v) => (v === "" ? null : v)),
  events,
});

export const createWebhookAction = authedAction(ZWebhookForm, async (input, user) => {
  await createWebhook(input, user);
  revalidatePath("/settings/notifications");
  return { status: "success", message: `Webhook ${input.name} added. Its signing secret is shown in the list.` };
});

export const toggleWebhookAction = authedAction(
  z.object({ id: z.uuid(), enabled: z.enum(["true", "false"]).transform((v) => v === "true") }),
  async ({ id, enabled }, user) => {
    await updateWebhook(id, { enabled }, user);
    revalidatePath("/settings/notifications");
    return { status: "success", message: enabled ? "Enabled." : "Disabled." };
  },
);

export const deleteWebhookAction = authedAction(z.object({ id: z.uuid() }), async ({ id }, user) => {
  await deleteWebhook(id, user);
  revalidatePath("/settings/notifications");
  return { status: "success", message: "Deleted." };
});

export const testWebhookAction = authedAction(z.object({ id: z.uuid() }), async ({ id }, user) => {
  await queueTestNotification(id, user);
  revalidatePath("/settings/notifications");
  return { status: "success", message: "Test queued; it appears in the delivery log within a minute." };
});
