import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { z } from "zod";
import { authenticateWithPassword, resolveSsoUser } from "@/lib/access/server";

const ZCredentials = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

type OidcProfile = { sub: string; email?: string; name?: string; preferred_username?: string };

function ssoProviders(): NextAuthOptions["providers"] {
  const providers: NextAuthOptions["providers"] = [];
  const env = process.env;
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
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

export const authOptions: NextAuthOptions = {
  secret: process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) return null;
        const user = await authenticateWithPassword(parsed.data.email, parsed.data.password);
        // null → next-auth reports the generic CredentialsSignin error: no hint which part was wrong.
        return user ? { id: user.id, email: user.email, name: user.name } : null;
      },
    }),
    ...ssoProviders(),
  ],
  callbacks: {
    async signIn({ user, account }) {
      if (!account || account.provider === "credentials") return true;
      const resolved = await resolveSsoUser({
        provider: account.provider,
        subject: account.providerAccountId,
        email: user.email ?? null,
        name: user.name ?? null,
      });
      if (!resolved) return "/login?error=AccessDenied";
      user.id = resolved.id;
      return true;
    },
    async jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    async session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      return session;
    },
  },
};
