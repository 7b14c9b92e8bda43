import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { createTeam } from "@/lib/catalog/server/teams";
import { createApiToken, findTokenActor, revokeApiToken } from "@/lib/access/server/tokens";
import { authenticateWithPassword, loadActiveUser, resolveSsoUser, upsertUser } from "@/lib/access/server/users";
import { hashToken } from "@/lib/access/domain/tokens";
import type { UserActor } from "@/lib/core/auth/permissions";
import { makeTeam, makeUser, uniq } from "../support/factories";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";

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
      id: user.id,
      role: "engineer",
    });
    expect(await authenticateWithPassword(user.email, "wrong-password")).toBeNull();
    expect(await authenticateWithPassword(`nobody-${user.email}`, user.password)).toBeNull();
  });

  it("are refused when disabled, at sign-in and on their next request", async () => {
    const user = await makeUser(prisma, { role: "engineer" });
    expect(await loadActiveUser(user.id)).not.toBeNull();
    await prisma.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await authenticateWithPassword(user.email, user.password)).toBeNull();
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
    const actor = await authenticateWithPassword(email, "second-password");
    expect(actor).toMatchObject({ role: "platform", teamIds: [team.id] });
  });

  it("link an SSO identity to the user with that email, and start new SSO users without teams", async () => {
    const existing = await makeUser(prisma, { role: "leadership" });
    const linked = await resolveSsoUser({ provider: "github", subject: uniq("gh"), email: existing.email, name: null });
    expect(linked).toMatchObject({ id: existing.id, role: "leadership" });
    const fresh = await resolveSsoUser({
      provider: "oidc",
      subject: uniq("sub"),
      email: `${uniq("new")}@sso.example`,
      name: "New",
    });
    expect(fresh).toMatchObject({ role: "engineer", teamIds: [] });
  });
});
