"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { archiveInitiative, createInitiative } from "@/lib/scorecards/server/initiatives";
import { ZSlug } from "@/lib/core/schemas";
import { authedAction } from "@/lib/core/auth/action";

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));

const ZInitiativeForm = z.object({
  name: z.string().trim().min(3, "must be at least 3 characters").max(120),
  description: z.string().trim().max(4000).optional(),
  targetLevel: z.enum(["", "bronze", "silver", "gold"]).transform((v) => (v === "" ? null : v)),
  ruleKeys: list(ZSlug),
  teamIds: list(z.uuid()),
  services: z
    .string()
    .max(20_000)
    .optional()
    .transform((v) => [...new Set((v ?? "").split(/[\s,]+/).filter(Boolean))])
    .pipe(z.array(ZSlug)),
  ownerId: z.uuid({ error: "choose an owner" }),
  targetDate: z.iso.date({ error: "must be a date" }),
});

export const createInitiativeAction = authedAction(ZInitiativeForm, async (input, user) => {
  const initiative = await createInitiative(
    {
      name: input.name,
      description: input.description || null,
      targetLevel: input.targetLevel,
      ruleKeys: input.ruleKeys,
      teamIds: input.teamIds,
      serviceSlugs: input.services,
      ownerId: input.ownerId,
      targetDate: new Date(`${input.targetDate}T23:59:59Z`),
    },
    user,
  );
  revalidatePath("/initiatives");
  redirect(`/initiatives/${initiative.id}`);
});

export const archiveInitiativeAction = authedAction(z.object({ id: z.uuid() }), async ({ id }, user) => {
  await archiveInitiative(id, user);
  revalidatePath("/initiatives");
  revalidatePath(`/initiatives/${id}`);
  return { status: "success", message: "Saved." };
});
