import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { createTeam } from "@/lib/catalog/server/teams";
import { createApiToken, findTokenActor, revokeApiToken } from "@/lib/access/server/tokens";
import {
  authenticateWithPassword,
  loadActiveUser,
  setUserDisabled,
  signOutEverywhere,
  upsertUser,
} from "@/lib/access/server/users";
import { linkSsoIdentity, resolveSsoUser } from "@/lib/access/server/sso";

import { hashToken } from "@/lib/access/server/token-secrets";
import type { UserActor } from "@/lib/core/auth/permissions";
import { makeTeam, makeUser, uniq } from "../support/factories";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";

// SSO sign-ups from these are active at once; any other waits for approval.
const policy = { allowedDomains: ["acme.example"], allowedGithubOrgs: ["acme-inc"] };

const platform: UserActor = {
  kind: "user",
  id: "00000000-0000-4000-8000-000000000002",
  email: "p@test",
  name: null,
  role: "platform",
  teamIds: [],
};

describe("teams", () => {
  it("refuse a duplicate slug with a conflict, writing nothing more", async () => {
    const slug = uniq("dup");
    await createTeam({ slug, name: "First" }, platform);
    await expect(createTeam({ slug, name: "Second" }, platform)).rejects.toMatchObject({ code: "conflict" });
    expect(await prisma.team.count({ where: { slug } })).toBe(1);
    expect(
      await prisma.auditLog.count({ where: { action: "team.create", data: { path: ["slug"], equals: slug } } }),
    ).toBe(1);
  });
});

describe("API tokens", () => {
  it("are stored hashed and resolve to their scopes and team", async () => {
    const team = await makeTeam(prisma);
    const created = await createApiToken({ name: "ci", scopes: ["ingest", "read"], teamSlug: team.slug }, SYSTEM_ACTOR);
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(await findTokenActor(created.token)).toMatchObject({
      kind: "token",
      scopes: ["ingest", "read"],
      teamId: team.id,
    });
  });

  it("stop working once revoked, and an unknown token resolves to nobody", async () => {
    const created = await createApiToken({ name: "temp", scopes: ["read"] }, SYSTEM_ACTOR);
    await revokeApiToken(created.id, platform);
    expect(await findTokenActor(created.token)).toBeNull();
    expect(await findTokenActor("ssp_not-a-real-token")).toBeNull();
  });

  it("cannot be bound to a team that does not exist", async () => {
    await expect(
      createApiToken({ name: "x", scopes: ["read"], teamSlug: uniq("missing") }, SYSTEM_ACTOR),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("users", () => {
  it("sign in with the right password only, whatever the email's case", async () => {
    const user = await makeUser(prisma, { role: "engineer" });
    expect(await authenticateWithPassword(user.email.toUpperCase(), user.password)).toMatchObject({
      ok: true,
      user: { id: user.id, role: "engineer" },
    });
    const invalid = { ok: false, reason: "invalid" };
    expect(await authenticateWithPassword(user.email, "wrong-password")).toEqual(invalid);
    expect(await authenticateWithPassword(`nobody-${user.email}`, user.password)).toEqual(invalid);
  });

  it("are refused when disabled, at sign-in and on their next request", async () => {
    const user = await makeUser(prisma, { role: "engineer" });
    expect(await loadActiveUser(user.id)).not.toBeNull();
    await prisma.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await authenticateWithPassword(user.email, user.password)).toEqual({ ok: false, reason: "invalid" });
    expect(await loadActiveUser(user.id)).toBeNull();
  });

  it("are created or updated by upsertUser, keeping their teams", async () => {
    const team = await makeTeam(prisma);
    const email = `${uniq("cli")}@test.shipshape.dev`;
    const first = await upsertUser(
      { email, role: "engineer", password: "first-password", teamSlugs: [team.slug] },
      SYSTEM_ACTOR,
    );
    const second = await upsertUser({ email, role: "platform", password: "second-password" }, SYSTEM_ACTOR);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    const signIn = await authenticateWithPassword(email, "second-password");
    expect(signIn).toMatchObject({ ok: true, user: { role: "platform", teamIds: [team.id] } });
  });

  it("never link an SSO identity to an existing account by email, even a verified one", async () => {
    const admin = await makeUser(prisma, { role: "platform" });
    const subject = uniq("gh");
    const attempt = await resolveSsoUser(
      { provider: "github", subject, email: admin.email, emailVerified: true, name: null },
      policy,
    );
    expect(attempt).toEqual({ ok: false, reason: "email_in_use" });
    expect(await prisma.userIdentity.count({ where: { subject } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "auth.sso_refused", entityId: admin.id } })).toBe(1);
  });

  it("refuse an SSO sign-up whose email the provider did not verify", async () => {
    const email = `${uniq("new")}@acme.example`;
    const out = await resolveSsoUser(
      { provider: "oidc", subject: uniq("sub"), email, emailVerified: false, name: null },
      policy,
    );
    expect(out).toEqual({ ok: false, reason: "no_verified_email" });
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("start SSO sign-ups outside the allowed domains and organisations disabled, until a platform user approves them", async () => {
    const allowed = await resolveSsoUser(
      { provider: "oidc", subject: uniq("sub"), email: `${uniq("a")}@acme.example`, emailVerified: true, name: "A" },
      policy,
    );
    expect(allowed).toMatchObject({ ok: true, user: { role: "engineer", teamIds: [] } });
    const byOrg = await resolveSsoUser(
      {
        provider: "github",
        subject: uniq("gh"),
        email: `${uniq("o")}@gmail.example`,
        emailVerified: true,
        name: null,
        githubOrgs: ["Acme-Inc"],
      },
      policy,
    );
    expect(byOrg.ok).toBe(true);

    const subject = uniq("gh");
    const email = `${uniq("stranger")}@gmail.example`;
    const stranger = { provider: "github", subject, email, emailVerified: true, name: null, githubOrgs: ["other"] };
    expect(await resolveSsoUser(stranger, policy)).toEqual({ ok: false, reason: "pending_approval" });
    const pending = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(pending).toMatchObject({ disabled: true, pendingApproval: true, role: "engineer" });
    expect(await resolveSsoUser(stranger, policy)).toEqual({ ok: false, reason: "pending_approval" });

    await setUserDisabled(pending.id, false, SYSTEM_ACTOR);
    expect(await resolveSsoUser(stranger, policy)).toMatchObject({ ok: true, user: { id: pending.id } });
  });

  it("link an identity only on the signed-in owner's request, and never one that belongs to someone else", async () => {
    const owner = await makeUser(prisma, { role: "engineer" });
    const other = await makeUser(prisma, { role: "engineer" });
    const identity = { provider: "github", subject: uniq("gh") };
    expect(await linkSsoIdentity(owner.id, identity)).toMatchObject({ id: owner.id });
    expect(
      await resolveSsoUser({ ...identity, email: "whatever@x.example", emailVerified: false, name: null }, policy),
    ).toMatchObject({ ok: true, user: { id: owner.id } });
    await expect(linkSsoIdentity(other.id, identity)).rejects.toMatchObject({ code: "conflict" });
  });

  it("end every session when the user signs out everywhere, is disabled, or gets a new role or password", async () => {
    const u = await makeUser(prisma, { role: "engineer" });
    const version = async () => (await prisma.user.findUniqueOrThrow({ where: { id: u.id } })).sessionVersion;
    const v0 = await version();
    expect(await loadActiveUser(u.id, v0)).not.toBeNull();
    await signOutEverywhere(SYSTEM_ACTOR, u.id);
    expect(await version()).toBe(v0 + 1);
    expect(await loadActiveUser(u.id, v0)).toBeNull();
    await upsertUser({ email: u.email, role: "leadership" }, SYSTEM_ACTOR);
    expect(await version()).toBe(v0 + 2);
    await upsertUser({ email: u.email, role: "leadership" }, SYSTEM_ACTOR);
    expect(await version()).toBe(v0 + 2);
    await setUserDisabled(u.id, true, SYSTEM_ACTOR);
    expect(await version()).toBe(v0 + 3);
  });
});
