"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { SCOPES } from "@/lib/core/auth/permissions";
import { createApiToken, revokeApiToken } from "@/lib/access/server/tokens";
import { setUserDisabled, upsertUser } from "@/lib/access/server/users";

import { ZSlug } from "@/lib/core/schemas";
import { authedAction } from "@/lib/core/auth/action";

const ZCreateTokenForm = z.object({
  name: z.string().trim().min(1, "is required").max(80),
  scopes: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(SCOPES)).min(1, "pick at least one scope"),
  ),
  team: z.union([z.literal(""), ZSlug]).optional(),
});

export const createTokenAction = authedAction(ZCreateTokenForm, async (input, user) => {
  const created = await createApiToken({ name: input.name, scopes: input.scopes, teamSlug: input.team || null }, user);
  revalidatePath("/settings");
  return {
    status: "success",
    message: "Token created. Copy it now: it will not be shown again.",
    data: { token: created.token },
  };
});

export const revokeTokenAction = authedAction(z.object({ id: z.uuid() }), async ({ id }, user) => {
  await revokeApiToken(id, user);
  revalidatePath("/settings");
  return { status: "success", message: "Token revoked." };
});

export const setUserDisabledAction = authedAction(
  z.object({ id: z.uuid(), disabled: z.enum(["true", "false"]).transform((v) => v === "true") }),
  async ({ id, disabled }, user) => {
    await setUserDisabled(id, disabled, user);
    revalidatePath("/settings");
    return { status: "success", message: disabled ? "User disabled." : "User enabled." };
  },
);

const ZCreateUserForm = z.object({
  email: z.email("must be an email address").max(320),
  name: z.string().trim().max(120).optional(),
  role: z.enum(["platform", "engineer", "leadership"]),
  team: z.union([z.literal(""), ZSlug]).optional(),
  password: z.string().min(10, "must be at least 10 characters").max(200),
});

export const createUserAction = authedAction(ZCreateUserForm, async (input, user) => {
  const result = await upsertUser(
    {
      email: input.email,
      name: input.name || null,
      role: input.role,
      password: input.password,
      teamSlugs: input.team ? [input.team] : [],
    },
    user,
  );
  revalidatePath("/settings");
  return { status: "success", message: result.created ? `Created ${result.email}.` : `Updated ${result.email}.` };
});
