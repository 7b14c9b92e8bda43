"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  createWebhook,
  deleteWebhook,
  queueTestNotification,
  updateWebhook,
} from "@/lib/notifications/server/webhooks";
import { authedAction } from "@/lib/core/auth/action";
import { ZWebhookForm } from "@/lib/notifications/schemas";

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
