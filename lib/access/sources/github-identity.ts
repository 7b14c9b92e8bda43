// What GitHub says about the person signing in, beyond the profile: which of their emails are
// verified (GET /user/emails) and which organisations they belong to (GET /user/orgs). The base URL
// is GitHub's API, or a GitHub Enterprise Server's (`https://HOST/api/v3`).
import { z } from "zod";

const ZEmails = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }).loose());
const ZOrgs = z.array(z.object({ login: z.string() }).loose());

export const GITHUB_API_URL = "https://api.github.com";

export type GithubIdentity = { verifiedEmails: string[]; primaryVerified: string | null; orgs: string[] | null };

async function getJson(base: string, path: string, token: string, timeoutMs: number): Promise<unknown> {
  const res = await fetch(`${base.replace(/\/$/, "")}${path}`, {
    headers: {
      authorization: `Bearer ${token}`,
      accept: "application/vnd.github+json",
      "x-github-api-version": "2022-11-28",
    },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`GitHub ${path} answered ${res.status}`);
  return res.json();
}

/**
 * The verified emails, the primary one if verified, and the organisations (null when the token may
 * not list them: the `read:org` scope is asked for only when organisations are allowed).
 */
export async function fetchGithubIdentity(
  token: string,
  base = GITHUB_API_URL,
  timeoutMs = 5000,
): Promise<GithubIdentity> {
  const emails = ZEmails.parse(await getJson(base, "/user/emails", token, timeoutMs));
  let orgs: string[] | null = null;
  try {
    orgs = ZOrgs.parse(await getJson(base, "/user/orgs", token, timeoutMs)).map((o) => o.login);
  } catch {
    orgs = null;
  }
  const verified = emails.filter((e) => e.verified);
  return {
    verifiedEmails: verified.map((e) => e.email.toLowerCase()),
    primaryVerified: verified.find((e) => e.primary)?.email.toLowerCase() ?? null,
    orgs,
  };
}
