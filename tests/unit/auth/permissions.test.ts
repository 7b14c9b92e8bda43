import { describe, expect, it } from "vitest";
import { can, type Action, type TokenActor, type UserActor } from "@/lib/core/auth/permissions";

const TEAM_A = "team-a";
const TEAM_B = "team-b";

const user = (role: UserActor["role"], teamIds: string[] = []): UserActor => ({
  kind: "user",
  id: "u",
  email: "u@x",
  name: null,
  role,
  teamIds,
});
const token = (scopes: TokenActor["scopes"], teamId: string | null = null): TokenActor => ({
  kind: "token",
  id: "t",
  name: "t",
  scopes,
  teamId,
});

const ENGINEER_TEAM_ACTIONS: Action[] = [
  "service.update",
  "checklist.update",
  "waiver.request",
  "review.request",
  "slo.define",
  "ingest",
];
const PLATFORM_ONLY: Action[] = [
  "team.create",
  "service.create",
  "template.manage",
  "waiver.decide",
  "review.decide",
  "scorecard.manage",
  "user.manage",
  "token.manage",
  "audit.read",
  "event.map",
  "policy.edit",
  "source.manage",
];

describe("can() for users", () => {
  it("lets platform users do everything, anywhere", () => {
    for (const a of [...ENGINEER_TEAM_ACTIONS, ...PLATFORM_ONLY, "roi.edit", "read"] as Action[]) {
      expect(can(user("platform"), a, { teamId: TEAM_B })).toBe(true);
    }
  });

  it("lets engineers act on their own team's services only", () => {
    const eng = user("engineer", [TEAM_A]);
    for (const a of ENGINEER_TEAM_ACTIONS) {
      expect(can(eng, a, { teamId: TEAM_A }), a).toBe(true);
      expect(can(eng, a, { teamId: TEAM_B }), a).toBe(false);
      expect(can(eng, a, null), a).toBe(false);
    }
  });

  it("denies engineers the platform's actions even on their own team", () => {
    const eng = user("engineer", [TEAM_A]);
    for (const a of PLATFORM_ONLY) expect(can(eng, a, { teamId: TEAM_A }), a).toBe(false);
    expect(can(eng, "roi.edit")).toBe(false);
  });

  it("lets leadership read and edit ROI assumptions, nothing else", () => {
    const lead = user("leadership", [TEAM_A]);
    expect(can(lead, "read")).toBe(true);
    expect(can(lead, "roi.edit")).toBe(true);
    for (const a of [...ENGINEER_TEAM_ACTIONS, ...PLATFORM_ONLY])
      expect(can(lead, a, { teamId: TEAM_A }), a).toBe(false);
  });

  it("denies a missing actor", () => {
    expect(can(null, "read")).toBe(false);
  });
});

describe("can() for API tokens", () => {
  it("needs the read scope to read", () => {
    expect(can(token(["read"]), "read")).toBe(true);
    expect(can(token(["ingest"]), "read")).toBe(false);
    expect(can(token(["admin"]), "read")).toBe(true);
  });

  it("lets ingest tokens write telemetry and SLO definitions, not the catalog", () => {
    const t = token(["ingest"]);
    expect(can(t, "ingest", { teamId: TEAM_A })).toBe(true);
    expect(can(t, "slo.define", { teamId: TEAM_A })).toBe(true);
    expect(can(t, "service.create", { teamId: TEAM_A })).toBe(false);
    expect(can(t, "team.create")).toBe(false);
  });

  it("limits a team-bound token to its team", () => {
    const t = token(["ingest", "read"], TEAM_A);
    expect(can(t, "ingest", { teamId: TEAM_A })).toBe(true);
    expect(can(t, "ingest", { teamId: TEAM_B })).toBe(false);
    expect(can(t, "ingest", null)).toBe(false);
    expect(can(t, "read", { teamId: TEAM_B })).toBe(true);
  });

  it("gives admin tokens platform powers, within their team when bound", () => {
    expect(can(token(["admin"]), "team.create")).toBe(true);
    expect(can(token(["admin"], TEAM_A), "team.create")).toBe(false);
    expect(can(token(["admin"], TEAM_A), "service.update", { teamId: TEAM_A })).toBe(true);
  });
});
