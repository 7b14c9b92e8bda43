// The one place that decides who may do what (CONTRACT §2). Pure: callers load the actor and the
// resource's team, and every server action and route handler calls can() itself.

export const ROLES = ["platform", "engineer", "leadership"] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ["ingest", "read", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

export type UserActor = {
  kind: "user";
  id: string;
  email: string;
  name: string | null;
  role: Role;
  teamIds: string[];
};

export type TokenActor = {
  kind: "token";
  id: string;
  name: string;
  scopes: Scope[];
  /** A team-bound token acts only on that team's resources. */
  teamId: string | null;
};

/** The command line run by an operator with database access: may do anything, audited as such. */
export type SystemActor = { kind: "system"; id: string; name: string };

export type Actor = UserActor | TokenActor | SystemActor;

export const CLI_ACTOR: SystemActor = { kind: "system", id: "cli", name: "cli" };

export type Action =
  | "read"
  | "team.create"
  | "team.update"
  | "service.create"
  | "service.update"
  | "service.archive"
  | "catalog.import"
  | "checklist.update"
  | "template.manage"
  | "waiver.request"
  | "waiver.decide"
  | "review.request"
  | "review.decide"
  | "slo.define"
  | "policy.edit"
  | "ingest"
  | "event.map"
  | "scorecard.manage"
  | "initiative.manage"
  | "notification.manage"
  | "user.manage"
  | "token.manage"
  | "roi.edit";

/** The team that owns what is being acted on; null for organisation-wide things. */
export type Resource = { teamId: string | null } | null;

/** What an engineer may do, and only on services of teams they belong to. */
const ENGINEER_TEAM_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  "service.update",
  "checklist.update",
  "waiver.request",
  "review.request",
  "slo.define",
  "ingest",
]);

const INGEST_SCOPE_ACTIONS: ReadonlySet<Action> = new Set<Action>(["ingest", "slo.define"]);

function teamOf(resource: Resource): string | null {
  return resource?.teamId ?? null;
}

function userCan(user: UserActor, action: Action, resource: Resource): boolean {
  if (user.role === "platform") return true;
  if (action === "read") return true;
  if (user.role === "leadership") return action === "roi.edit";
  const teamId = teamOf(resource);
  return ENGINEER_TEAM_ACTIONS.has(action) && teamId !== null && user.teamIds.includes(teamId);
}

function tokenCan(token: TokenActor, action: Action, resource: Resource): boolean {
  const granted =
    token.scopes.includes("admin") ||
    (action === "read" && token.scopes.includes("read")) ||
    (INGEST_SCOPE_ACTIONS.has(action) && token.scopes.includes("ingest"));
  if (!granted) return false;
  if (token.teamId === null || action === "read") return true;
  return teamOf(resource) === token.teamId;
}

export function can(actor: Actor | null, action: Action, resource: Resource = null): boolean {
  if (!actor) return false;
  if (actor.kind === "system") return true;
  return actor.kind === "user" ? userCan(actor, action, resource) : tokenCan(actor, action, resource);
}

export function actorLabel(actor: Actor): string {
  if (actor.kind === "system") return actor.name;
  return actor.kind === "user" ? actor.email : `token:${actor.name}`;
}

/** Why can() said no, in words a user can act on. */
export function denialReason(actor: Actor | null, what: string): string {
  if (!actor) return `Sign in to ${what}`;
  if (actor.kind === "system") return `The system cannot ${what}`;
  if (actor.kind === "token") {
    return actor.teamId ? `This API token is bound to another team and cannot ${what}` : `This API token lacks the scope to ${what}`;
  }
  if (actor.role === "engineer") return `Only members of the owning team or the platform team can ${what}`;
  return `The ${actor.role} role cannot ${what}`;
}
