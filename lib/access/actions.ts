"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiToken, revokeApiToken } from "@/lib/access/server/tokens";
import { setUserDisabled, signOutEverywhere, upsertUser } from "@/lib/access/server/users";
import { confirmTotpEnrolment, disableTotp, startTotpEnrolment } from "@/lib/access/server/two-factor";
import { cookies } from "next/headers";
import { enabledSsoProviders, encodeSsoLinkIntent, SSO_LINK_COOKIE } from "@/lib/core/auth/options";

import { authedAction } from "@/lib/core/auth/action";
import { ZCreateTokenForm, ZCreateUserForm, ZTotpCodeForm } from "@/lib/access/schemas";

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

/** Ends every session of the signed-in user, this one included. */
export const signOutEverywhereAction = authedAction(z.object({}), async (_input, user) => {
  await signOutEverywhere(user, user.id);
  return { status: "success", message: "Signed out everywhere. Sign in again to continue." };
});

/**
 * Starts linking an SSO identity to the signed-in account: a signed, ten-minute cookie says who
 * asked, and the provider's sign-in that follows links the identity to this account.
 */
export const startSsoLinkAction = authedAction(
  z.object({ provider: z.enum(["github", "oidc"]) }),
  async ({ provider }, user) => {
    if (!enabledSsoProviders().some((p) => p.id === provider)) {
      return { status: "error", message: "That sign-in provider is not configured." };
    }
    const jar = await cookies();
    jar.set(SSO_LINK_COOKIE, await encodeSsoLinkIntent(user.id, provider), {
      httpOnly: true,
      sameSite: "lax",
      secure: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
      path: "/",
      maxAge: 600,
    });
    return { status: "success", message: "Continue with your provider to link it.", data: { provider } };
  },
);

/** Two-factor set-up, step 1: a pending secret and its QR code (shown once, never stored in plain text). */
export const startTotpAction = authedAction(z.object({}), async (_input, user) => {
  const { secret, qr } = await startTotpEnrolment(user);
  return { status: "success", data: { secret, qr } };
});

/** Step 2: the first code from the app turns it on, and the recovery codes are shown this once. */
export const confirmTotpAction = authedAction(ZTotpCodeForm, async ({ code }, user) => {
  const { recoveryCodes } = await confirmTotpEnrolment(user, code);
  // No revalidation here: the page would re-render as "on" and unmount the recovery codes before
  // they are read. "I saved them" refreshes it.
  return { status: "success", message: "Two-factor authentication is on.", data: { recoveryCodes } };
});

export const disableTotpAction = authedAction(ZTotpCodeForm, async ({ code }, user) => {
  await disableTotp(user, code);
  revalidatePath("/account");
  return { status: "success", message: "Two-factor authentication is off." };
});
