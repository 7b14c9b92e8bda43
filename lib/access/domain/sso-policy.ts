// Who may sign in with single sign-on, and as whom. Pure: the server function loads the facts.
//
// - An SSO identity signs in as the user it was linked to, never as another one.
// - A new identity needs an email its provider says is verified.
// - It is never linked to an existing account by email (that is how an attacker who registers the
//   admin's address, unverified, at an identity provider would become the admin): the owner of the
//   account links it from a signed-in session instead.
// - A new user starts active only when the email's domain, or one of the user's GitHub
//   organisations, is allowed; otherwise they start disabled, waiting for a platform user.

export type SsoPolicy = { allowedDomains: string[]; allowedGithubOrgs: string[] };

export type SsoFacts = {
  provider: string;
  /** The user this identity is already linked to, if any. */
  linkedUser: { id: string; disabled: boolean; approved: boolean } | null;
  /** An existing user with the same email, if any. */
  emailUser: { id: string } | null;
  email: string | null;
  emailVerified: boolean;
  /** GitHub organisations the user belongs to; null when not known. */
  githubOrgs: string[] | null;
};

export type SsoRefusal = "disabled" | "pending_approval" | "no_verified_email" | "email_in_use";

export type SsoDecision =
  { kind: "sign_in"; userId: string } | { kind: "create"; active: boolean } | { kind: "refuse"; reason: SsoRefusal };

export const SSO_REFUSAL_MESSAGE: Record<SsoRefusal, string> = {
  disabled: "This account is disabled. Ask a platform user to enable it.",
  pending_approval: "Your account waits for approval by the platform team. You can sign in once they approve it.",
  no_verified_email: "Your identity provider did not confirm your email address. Verify it there, then try again.",
  email_in_use:
    "An account with this email already exists. Sign in with its password, then link this identity from your account menu.",
};

const normalise = (values: string[]) => values.map((v) => v.trim().toLowerCase()).filter(Boolean);

export function parseList(value: string | undefined): string[] {
  return normalise((value ?? "").split(","));
}

export function isAllowed(policy: SsoPolicy, email: string, provider: string, githubOrgs: string[] | null): boolean {
  const domain = email.split("@").pop()?.toLowerCase() ?? "";
  if (normalise(policy.allowedDomains).includes(domain)) return true;
  if (provider !== "github" || !githubOrgs) return false;
  const allowed = new Set(normalise(policy.allowedGithubOrgs));
  return normalise(githubOrgs).some((o) => allowed.has(o));
}

export function decideSsoSignIn(facts: SsoFacts, policy: SsoPolicy): SsoDecision {
  if (facts.linkedUser) {
    if (!facts.linkedUser.disabled) return { kind: "sign_in", userId: facts.linkedUser.id };
    return { kind: "refuse", reason: facts.linkedUser.approved ? "disabled" : "pending_approval" };
  }
  if (!facts.email || !facts.emailVerified) return { kind: "refuse", reason: "no_verified_email" };
  if (facts.emailUser) return { kind: "refuse", reason: "email_in_use" };
  return { kind: "create", active: isAllowed(policy, facts.email, facts.provider, facts.githubOrgs) };
}
