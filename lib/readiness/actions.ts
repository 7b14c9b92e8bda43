"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { can } from "@/lib/core/auth/permissions";
import { getCurrentUser } from "@/lib/core/auth/session";
import { listItemHistory, updateChecklistItem, upgradeChecklist } from "@/lib/readiness/server/checklists";
import { commentOnReview, decideReview, requestReview } from "@/lib/readiness/server/reviews";
import { getServiceBySlug } from "@/lib/catalog/server";
import { decideWaiver, requestWaiver } from "@/lib/readiness/server/waivers";
import { ZSlug } from "@/lib/core/schemas";
import { uploadedText, ZYamlUpload } from "@/lib/core/upload";
import { importTemplate, type TemplateImportResult } from "@/lib/readiness/server/templates";
import { ZExpiry, ZReviewComment, ZReviewDecision, ZWaiverDecision } from "@/lib/readiness/schemas";
import { authedAction } from "@/lib/core/auth/action";
import { emptyToNull, ZItemForm } from "@/lib/readiness/schemas";

export const updateItemAction = authedAction(ZItemForm, async ({ slug, itemKey, ...rest }, user) => {
  const state = await updateChecklistItem({ serviceSlug: slug, itemKey, ...rest }, user);
  revalidatePath(`/services/${slug}`);
  return { status: "success", message: "Saved.", data: { version: state.version } };
});

export const requestWaiverAction = authedAction(
  z.object({
    slug: ZSlug,
    itemKey: ZSlug,
    justification: z.string().trim().min(10, "must explain why, in at least 10 characters").max(2000),
    expiresAt: ZExpiry,
  }),
  async ({ slug, itemKey, justification, expiresAt }, user) => {
    await requestWaiver({ serviceSlug: slug, itemKey, justification, expiresAt }, user);
    revalidatePath(`/services/${slug}`);
    revalidatePath("/waivers");
    return { status: "success", message: "Waiver requested. The platform team will approve or reject it." };
  },
);

export const decideWaiverAction = authedAction(
  // In the UI a rejection must say why: the engineer who asked reads it on the Waivers page.
  ZWaiverDecision.extend({ waiverId: z.uuid() }).refine(
    (d) => d.decision !== "reject" || (d.note ?? "").trim().length >= 3,
    { path: ["note"], message: "Say why the waiver is rejected, so the team knows what to do instead." },
  ),
  async ({ waiverId, decision, note }, user) => {
    await decideWaiver({ waiverId, decision, note }, user);
    revalidatePath("/waivers");
    revalidatePath("/services", "layout");
    return { status: "success", message: decision === "approve" ? "Waiver approved." : "Waiver rejected." };
  },
);

export const requestReviewAction = authedAction(
  z.object({ slug: ZSlug, note: z.preprocess(emptyToNull, z.string().trim().max(2000).nullable().optional()) }),
  async ({ slug, note }, user) => {
    await requestReview({ serviceSlug: slug, note }, user);
    revalidatePath(`/services/${slug}`);
    revalidatePath("/reviews");
    return { status: "success", message: "Review requested. It is in the platform team's queue." };
  },
);

export const decideReviewAction = authedAction(
  ZReviewDecision.extend({ reviewId: z.uuid() }),
  async ({ reviewId, decision, comment }, user) => {
    await decideReview({ reviewId, decision, comment }, user);
    revalidatePath("/reviews", "layout");
    revalidatePath("/services", "layout");
    return { status: "success", message: decision === "approve" ? "Approved." : "Changes requested." };
  },
);

export const commentReviewAction = authedAction(
  ZReviewComment.extend({ reviewId: z.uuid() }),
  async ({ reviewId, body }, user) => {
    await commentOnReview({ reviewId, body }, user);
    revalidatePath("/reviews", "layout");
    revalidatePath("/services", "layout");
    return { status: "success", message: "Comment added." };
  },
);

export const upgradeChecklistAction = authedAction(z.object({ slug: ZSlug }), async ({ slug }, user) => {
  const result = await upgradeChecklist(slug, user);
  revalidatePath(`/services/${slug}`);
  return {
    status: "success",
    message:
      result.upgraded && result.plan
        ? `Upgraded to version ${result.version}: ${result.plan.added.length} new item(s); answers kept.`
        : "Already on the latest version.",
  };
});

export type ItemHistoryEntry = { id: string; at: string; actor: string; action: string; detail: string };

/** Read-only, but still authenticated and authorised like every action. */
export async function itemHistoryAction(slug: string, itemKey: string): Promise<ItemHistoryEntry[]> {
  const user = await getCurrentUser();
  if (!can(user, "read")) return [];
  const parsed = z.object({ slug: ZSlug, itemKey: ZSlug }).safeParse({ slug, itemKey });
  if (!parsed.success) return [];
  const service = await getServiceBySlug(user, parsed.data.slug);
  if (!service) return [];
  const rows = await listItemHistory(service.id, parsed.data.itemKey);
  return rows.map((r) => {
    const d = (r.data ?? {}) as Record<string, string | null | undefined>;
    const detail =
      r.action === "checklist.item.update"
        ? `${d.from ?? "open"} → ${d.to}${d.reason ? ` (${d.reason})` : ""}${d.evidenceUrl ? ` · evidence ${d.evidenceUrl}` : ""}${d.note ? ` · “${d.note}”` : ""}`
        : r.action === "waiver.request"
          ? `waiver requested until ${String(d.expiresAt).slice(0, 10)}: ${d.justification}`
          : `${r.action.replace("waiver.", "waiver ")}${d.note ? `: ${d.note}` : ""}`;
    return { id: r.id, at: r.at.toISOString(), actor: r.actorLabel, action: r.action, detail };
  });
}

export const importTemplateAction = authedAction(ZYamlUpload, async (input, user) => {
  const text = await uploadedText(input);
  if (!text.trim()) return { status: "error", message: "Choose a template YAML file or paste its content." };
  const result: TemplateImportResult = await importTemplate(text, user);
  revalidatePath("/settings/templates");
  return {
    status: "success",
    message:
      result.action === "created"
        ? `${result.key}: version ${result.version} created.`
        : `${result.key}: unchanged (still version ${result.version}).`,
    data: result,
  };
});
