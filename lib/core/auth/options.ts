import type { NextAuthOptions } from "next-auth";
import { decode, encode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { z } from "zod";
import {
  authenticateWithPassword,
  linkSsoIdentity,
  resolveSsoUser,
  ssoPolicyFromEnv,
  type TSsoSignIn,
} from "@/lib/access/server";
import { fetchGithubIdentity, GITHUB_API_URL } from "@/lib/access/sources";
import { logger } from "@/lib/core/logger";
import { sameOriginPath } from "@/lib/core/url";

const ZCredentials = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(200),
  code: z.string().trim().max(40).optional(),
});

/** The sign-in errors a credentials attempt can end with (next-auth passes the message to the form). */
export const SECOND_FACTOR_REQUIRED = "SecondFactorRequired";
export const SECOND_FACTOR_INVALID = "SecondFactorInvalid";

type OidcProfile = {
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
  preferred_username?: string;
};

/** A session ends this long after sign-in, however active it is (an absolute lifetime). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
/** The cookie that carries a signed-in user's request to link an SSO identity to their account. */
export const SSO_LINK_COOKIE = "shipshape.sso-link";
const SSO_LINK_MAX_AGE_SECONDS = 10 * 60;

const secret = () => process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET ?? "";

function ssoProviders(): NextAuthOptions["providers"] {
  const providers: NextAuthOptions["providers"] = [];
  const env = process.env;
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    // read:org only when organisations decide who may sign up.
    const scope = env.AUTH_GITHUB_ALLOWED_ORGS ? "read:user user:email read:org" : "read:user user:email";
    providers.push(
      GitHubProvider({
        clientId: env.AUTH_GITHUB_ID,
        clientSecret: env.AUTH_GITHUB_SECRET,
        authorization: { params: { scope } },
      }),
    );
  }
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    const oidc: OAuthConfig<OidcProfile> = {
      id: "oidc",
      name: "Single sign-on",
      type: "oauth",
      wellKnown: `${env.AUTH_OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
      profile: (p) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? p.preferred_username ?? null }),
    };
    providers.push(oidc);
  }
  return providers;
}

export function enabledSsoProviders(): Array<{ id: string; name: string }> {
  return ssoProviders().map((p) => ({ id: p.id, name: p.name }));
}

/** The signed value of the link cookie: this user asks to link an identity of this provider. */
export function encodeSsoLinkIntent(userId: string, provider: string): Promise<string> {
  return encode({ token: { uid: userId, provider }, secret: secret(), maxAge: SSO_LINK_MAX_AGE_SECONDS });
}

async function readSsoLinkIntent(provider: string): Promise<string | null> {
  const { cookies } = await import("next/headers");
  const jar = await cookies();
  const raw = jar.get(SSO_LINK_COOKIE)?.value;
  if (!raw) return null;
  jar.delete(SSO_LINK_COOKIE);
  const token = await decode({ token: raw, secret: secret() }).catch(() => null);
  return token && token.provider === provider && typeof token.uid === "string" ? token.uid : null;
}

/** The facts about an SSO sign-in that decide who it is: the email and whether the provider verified it. */
async function ssoFacts(
  provider: string,
  subject: string,
  user: { email?: string | null; name?: string | null },
  accessToken: string | undefined,
  profile: unknown,
): Promise<TSsoSignIn> {
  const base: TSsoSignIn = {
    provider,
    subject,
    email: user.email ?? null,
    emailVerified: false,
    name: user.name ?? null,
  };
  if (provider === "github" && accessToken) {
    const gh = await fetchGithubIdentity(accessToken, process.env.AUTH_GITHUB_API_URL || GITHUB_API_URL);
    const email = user.email && gh.verifiedEmails.includes(user.email.toLowerCase()) ? user.email : gh.primaryVerified;
    return { ...base, email, emailVerified: email !== null, githubOrgs: gh.orgs };
  }
  const claim = (profile as OidcProfile | undefined)?.email_verified;
  return { ...base, emailVerified: claim === true || claim === "true" };
}

export const authOptions: NextAuthOptions = {
  secret: secret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Authentication code", type: "text" },
      },
      async authorize(raw) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) return null;
        const result = await authenticateWithPassword(
          parsed.data.email,
          parsed.data.password,
          parsed.data.code || undefined,
        );
        if (result.ok) {
          const { user } = result;
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        }
        // A thrown message reaches the form as its error code; only after the right password.
        if (result.reason === "second_factor_required") throw new Error(SECOND_FACTOR_REQUIRED);
        if (result.reason === "second_factor_invalid") throw new Error(SECOND_FACTOR_INVALID);
        // null → next-auth reports the generic CredentialsSignin error: no hint which part was wrong.
        return null;
      },
    }),
    ...ssoProviders(),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (!account || account.provider === "credentials") return true;
      const identity = { provider: account.provider, subject: account.providerAccountId };
      try {
        const linkFor = await readSsoLinkIntent(account.provider);
        if (linkFor) {
          const linked = await linkSsoIdentity(linkFor, identity);
          user.id = linked.id;
          user.sessionVersion = linked.sessionVersion;
          return true;
        }
        const facts = await ssoFacts(identity.provider, identity.subject, user, account.access_token, profile);
        const outcome = await resolveSsoUser(facts, ssoPolicyFromEnv());
        if (!outcome.ok) return `/login?error=${outcome.reason}`;
        user.id = outcome.user.id;
        user.sessionVersion = outcome.user.sessionVersion;
        return true;
      } catch (error) {
        logger.error({ err: error, provider: account.provider }, "SSO sign-in failed");
        return "/login?error=AccessDenied";
      }
    },
    async redirect({ url, baseUrl }) {
      return new URL(sameOriginPath(url, baseUrl), baseUrl).toString();
    },
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = user.sessionVersion ?? 0;
        token.authTime = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      session.sv = typeof token.sv === "number" ? token.sv : -1;
      session.authTime = typeof token.authTime === "number" ? token.authTime : 0;
      return session;
    },
  },
};
