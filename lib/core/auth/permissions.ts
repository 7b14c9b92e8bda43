// The one place that decides who may do what (CONTRACT §2). Pure: the slice's server function loads
// the resource's team from the database and calls authorize(), which throws `forbidden` when can() says no.
import { forbidden } from "@/lib/core/errors";

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
  /** Their role requires a second factor they have not set up yet: they may do nothing but set it up. */
  mustEnrolTotp?: boolean;
};

export type TokenActor = {
  kind: "token";
  id: string;
  name: string;
  scopes: Scope[];
  /** A team-bound token acts only on that team's resources. */
  teamId: string | null;
};

/**
 * Shipshape itself, or an operator with database access (the CLI, a verified webhook): may do anything,
 * audited under its name. The only way to act without a user or a token.
 */
export type SystemActor = { kind: "system"; id: string; name: string };

export type Actor = UserActor | TokenActor | SystemActor;

export function systemActor(name: string): SystemActor {
  return { kind: "system", id: name, name };
}

/** Start-up, background jobs and seeding. */
export const SYSTEM_ACTOR = systemActor("system");
/** `npm run cli -- …` */
export const CLI_ACTOR = systemActor("cli");

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
  | "source.manage"
  | "policy.edit"
  | "ingest"
  | "event.map"
  | "scorecard.manage"
  | "initiative.manage"
  | "notification.manage"
  | "user.manage"
  | "token.manage"
  | "audit.read"
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
  if (user.mustEnrolTotp) return false;
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

/** Actions that no team owns: an engineer is refused them whatever the resource. */
const ORG_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  "team.create",
  "service.archive",
  "catalog.import",
  "template.manage",
  "waiver.decide",
  "review.decide",
  "policy.edit",
  "source.manage",
  "event.map",
  "scorecard.manage",
  "initiative.manage",
  "notification.manage",
  "user.manage",
  "token.manage",
  "audit.read",
  "roi.edit",
] as const);

/** What each action is, as the end of "… cannot <what>". */
const ACTION_WHAT: Record<Action, string> = {
  read: "read this",
  "team.create": "create teams",
  "team.update": "edit teams",
  "service.create": "create services",
  "service.update": "edit this service",
  "service.archive": "archive services",
  "catalog.import": "import the catalog",
  "checklist.update": "change this service's checklist",
  "template.manage": "manage checklist templates",
  "waiver.request": "request waivers for this service",
  "waiver.decide": "approve or reject waivers",
  "review.request": "request reviews for this service",
  "review.decide": "approve reviews or request changes",
  "slo.define": "define SLOs for this service",
  "source.manage": "connect an SLO to a metrics source",
  "policy.edit": "edit error-budget policies",
  ingest: "write events for this service",
  "event.map": "map unmatched events",
  "scorecard.manage": "manage scorecards",
  "initiative.manage": "manage initiatives",
  "notification.manage": "manage notification webhooks",
  "user.manage": "manage users",
  "token.manage": "manage API tokens",
  "audit.read": "read the organisation's audit log",
  "roi.edit": "edit the ROI assumptions",
};

/**
 * Every read and write goes through here, in the slice's server function, with the resource's team as
 * read from the database. Throws an expected `forbidden` error whose message says why; `what` overrides
 * the action's default wording ("… cannot <what>").
 */
export function authorize(actor: Actor | null, action: Action, resource: Resource = null, what?: string): void {
  if (!can(actor, action, resource)) throw forbidden(denialReason(actor, what ?? ACTION_WHAT[action], action));
}

/** Why can() said no, in words a user can act on. */
export function denialReason(actor: Actor | null, what: string, action?: Action): string {
  if (!actor) return `Sign in to ${what}`;
  if (actor.kind === "system") return `The system cannot ${what}`;
  if (actor.kind === "token") {
    // Bound to a team but with the right scope: the resource is another team's.
    const scoped =
      actor.scopes.includes("admin") ||
      (action === "read"
        ? actor.scopes.includes("read")
        : action !== undefined && INGEST_SCOPE_ACTIONS.has(action) && actor.scopes.includes("ingest"));
    return actor.teamId && scoped
      ? `This API token is bound to another team and cannot ${what}`
      : `This API token lacks the scope to ${what}`;
  }
  if (actor.mustEnrolTotp) return `Set up two-factor authentication on your Account page before you ${what}`;
  if (actor.role === "engineer") {
    return action && ORG_ACTIONS.has(action)
      ? `Only the platform team can ${what}`
      : `Only members of the owning team or the platform team can ${what}`;
  }
  return `The ${actor.role} role cannot ${what}`;
}
