import { describe, expect, it } from "vitest";
import { decideSsoSignIn, type SsoFacts } from "@/lib/access/domain/sso-policy";

const policy = { allowedDomains: ["acme.example"], allowedGithubOrgs: ["acme-inc"] };
const facts = (over: Partial<SsoFacts>): SsoFacts => ({
  provider: "oidc",
  linkedUser: null,
  emailUser: null,
  email: "new@acme.example",
  emailVerified: true,
  githubOrgs: null,
  ...over,
});

describe("who may sign in with SSO", () => {
  it("signs a linked identity in as its own user, whatever email it now claims", () => {
    const linked = { id: "u1", disabled: false, approved: true };
    expect(
      decideSsoSignIn(facts({ linkedUser: linked, email: "admin@acme.example", emailUser: { id: "admin" } }), policy),
    ).toEqual({
      kind: "sign_in",
      userId: "u1",
    });
    expect(decideSsoSignIn(facts({ linkedUser: { ...linked, disabled: true } }), policy)).toEqual({
      kind: "refuse",
      reason: "disabled",
    });
    expect(decideSsoSignIn(facts({ linkedUser: { ...linked, disabled: true, approved: false } }), policy)).toEqual({
      kind: "refuse",
      reason: "pending_approval",
    });
  });

  it("never takes over an existing account by email, nor trusts an unverified email", () => {
    expect(decideSsoSignIn(facts({ emailUser: { id: "admin" } }), policy)).toEqual({
      kind: "refuse",
      reason: "email_in_use",
    });
    expect(decideSsoSignIn(facts({ emailVerified: false }), policy)).toEqual({
      kind: "refuse",
      reason: "no_verified_email",
    });
    expect(decideSsoSignIn(facts({ email: null }), policy)).toEqual({ kind: "refuse", reason: "no_verified_email" });
  });

  it("lets an allowed domain or GitHub organisation in, and makes everyone else wait", () => {
    expect(decideSsoSignIn(facts({}), policy)).toEqual({ kind: "create", active: true });
    expect(decideSsoSignIn(facts({ email: "NEW@ACME.EXAMPLE" }), policy)).toEqual({ kind: "create", active: true });
    expect(decideSsoSignIn(facts({ email: "x@evil-acme.example" }), policy)).toEqual({ kind: "create", active: false });
    expect(
      decideSsoSignIn(facts({ provider: "github", email: "x@gmail.example", githubOrgs: ["Acme-Inc"] }), policy),
    ).toEqual({
      kind: "create",
      active: true,
    });
    // Organisations count for GitHub sign-ins only.
    expect(decideSsoSignIn(facts({ email: "x@gmail.example", githubOrgs: ["acme-inc"] }), policy)).toEqual({
      kind: "create",
      active: false,
    });
    expect(decideSsoSignIn(facts({}), { allowedDomains: [], allowedGithubOrgs: [] })).toEqual({
      kind: "create",
      active: false,
    });
  });
});
