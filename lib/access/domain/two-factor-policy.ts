import type { Role } from "@/lib/core/auth/permissions";

// Who must use a second factor: AUTH_TOTP_REQUIRED_ROLES lists the roles (e.g. "platform") whose
// password accounts must set up TOTP before they can do anything else. SSO accounts rely on their
// identity provider's own second factor.

export function requiredTotpRoles(setting: string | undefined): ReadonlySet<Role> {
  const roles = (setting ?? "")
    .split(",")
    .map((r) => r.trim())
    .filter((r): r is Role => r === "platform" || r === "engineer" || r === "leadership");
  return new Set(roles);
}

export function mustEnrolTotp(
  user: { role: Role; hasPassword: boolean; totpEnabled: boolean },
  required: ReadonlySet<Role>,
): boolean {
  return user.hasPassword && !user.totpEnabled && required.has(user.role);
}

/** A recovery code as typed: case, spaces and dashes do not matter. */
export function normaliseRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, "").toLowerCase();
}

/** A six-digit authenticator code, or something typed to look like one ("123 456"). */
export function asTotpCode(code: string): string | null {
  const digits = code.replace(/\s/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}
