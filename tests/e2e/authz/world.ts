// The authorisation matrix's world: two teams, the eight actors, and a change counter on every
// table a request could write, so "denied" can be checked as "and no row changed".
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import type { PrismaClient } from "@/generated/prisma/client";
export { changeMark, changesSince, installChangeTracking, removeChangeTracking } from "../../support/change-tracking";
import { makeService, makeTeam, makeToken, makeUser, uniq } from "../../support/factories";

export const ACTORS = [
  "platform",
  "engineerA",
  "engineerB",
  "leadership",
  "anonymous",
  "disabled",
  "ingestTokenA",
  "readToken",
] as const;
export type ActorName = (typeof ACTORS)[number];

/**
 * Who may do what, stated here independently of lib/core/auth/permissions.ts (the code under test):
 *   public     anyone, signed in or not;
 *   read       any signed-in user and any token with the read scope;
 *   self       any signed-in user, on their own account;
 *   teamA      the platform team and engineers of the owning team (team A);
 *   teamIngest teamA, plus an ingest token bound to team A;
 *   roi        the platform team and leadership;
 *   org        the platform team only;
 *   signature  nobody by their credentials: only a request carrying the sender's own secret (a
 *              webhook signature, the scraper's METRICS_TOKEN).
 */
export type Policy = "public" | "read" | "self" | "teamA" | "teamIngest" | "roi" | "org" | "signature";

export const ALLOWED: Record<Policy, ReadonlySet<ActorName>> = {
  public: new Set(ACTORS),
  read: new Set(["platform", "engineerA", "engineerB", "leadership", "readToken"]),
  self: new Set(["platform", "engineerA", "engineerB", "leadership"]),
  teamA: new Set(["platform", "engineerA"]),
  teamIngest: new Set(["platform", "engineerA", "ingestTokenA"]),
  roi: new Set(["platform", "leadership"]),
  org: new Set(["platform"]),
  signature: new Set(),
};

/** A session actor: its cookies live in its own request context. */
type SessionActor = { kind: "session"; ctx: APIRequestContext; id: string; email: string; password: string };
type TokenActor = { kind: "token"; ctx: APIRequestContext; token: string };
type Anonymous = { kind: "anonymous"; ctx: APIRequestContext };
export type MatrixActor = SessionActor | TokenActor | Anonymous;

export type World = {
  db: PrismaClient;
  baseURL: string;
  teamA: { id: string; slug: string };
  teamB: { id: string; slug: string };
  /** A service of team A that cells only read. */
  serviceA: { id: string; slug: string };
  itemKey: string;
  users: Record<"platform" | "engineerA" | "engineerB" | "leadership" | "disabled", { id: string; email: string }>;
  actors: Record<ActorName, MatrixActor>;
  /** A fresh service of team A (for cells whose allowed outcome changes it). */
  freshService: () => Promise<{ id: string; slug: string }>;
  signInAgain: (name: ActorName) => Promise<void>;
};

async function signInContext(ctx: APIRequestContext, email: string, password: string): Promise<void> {
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  if (!res.ok()) throw new Error(`sign-in as ${email} failed: HTTP ${res.status()}`);
  const session = (await (await ctx.get("/api/auth/session")).json()) as { user?: { email?: string } };
  if (session.user?.email !== email) throw new Error(`sign-in as ${email} did not start a session`);
}

export async function buildWorld(db: PrismaClient, baseURL: string): Promise<World> {
  const teamA = await makeTeam(db);
  const teamB = await makeTeam(db);
  const serviceA = await makeService(db, teamA.id);
  const template = await db.checklistTemplate.findFirstOrThrow({
    where: { key: "production-readiness" },
    orderBy: { version: "desc" },
    include: { items: { orderBy: { position: "asc" }, take: 1 } },
  });
  const made = {
    platform: await makeUser(db, { role: "platform" }),
    engineerA: await makeUser(db, { role: "engineer", teamIds: [teamA.id] }),
    engineerB: await makeUser(db, { role: "engineer", teamIds: [teamB.id] }),
    leadership: await makeUser(db, { role: "leadership" }),
    disabled: await makeUser(db, { role: "engineer", teamIds: [teamA.id] }),
  };
  const newContext = (extraHTTPHeaders: Record<string, string> = {}) =>
    playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL, ...extraHTTPHeaders } });

  const actors = {} as Record<ActorName, MatrixActor>;
  for (const name of ["platform", "engineerA", "engineerB", "leadership", "disabled"] as const) {
    const ctx = await newContext();
    await signInContext(ctx, made[name].email, made[name].password);
    actors[name] = { kind: "session", ctx, id: made[name].id, email: made[name].email, password: made[name].password };
  }
  // Disabled after signing in: the session cookie it holds must stop working.
  await db.user.update({ where: { id: made.disabled.id }, data: { disabled: true } });
  actors.anonymous = { kind: "anonymous", ctx: await newContext() };
  for (const [name, scopes, teamId] of [
    ["ingestTokenA", ["ingest"], teamA.id],
    ["readToken", ["read"], null],
  ] as const) {
    const token = await makeToken(db, [...scopes], teamId);
    actors[name] = { kind: "token", token, ctx: await newContext({ authorization: `Bearer ${token}` }) };
  }

  return {
    db,
    baseURL,
    teamA,
    teamB,
    serviceA,
    itemKey: template.items[0].key,
    users: made,
    actors,
    freshService: () => makeService(db, teamA.id, { slug: uniq("authz") }),
    async signInAgain(name) {
      const actor = actors[name];
      if (actor.kind !== "session") return;
      await actor.ctx.dispose();
      const ctx = await newContext();
      await signInContext(ctx, actor.email, actor.password);
      actors[name] = { ...actor, ctx };
    },
  };
}

export async function disposeWorld(world: World): Promise<void> {
  for (const actor of Object.values(world.actors)) await actor.ctx.dispose();
}

// ─── What exists: route handlers and server actions ─────────────────────────

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function walk(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p, name) : e.name === name ? [p] : [];
  });
}

/** Every route handler as "METHOD /url/pattern" (route groups dropped), from the files in app/. */
export function discoverRoutes(root = path.resolve("app")): string[] {
  const out: string[] = [];
  for (const file of walk(root, "route.ts")) {
    const source = fs.readFileSync(file, "utf8");
    const url =
      "/" +
      path
        .relative(root, path.dirname(file))
        .split(path.sep)
        .filter((s) => !/^\(.*\)$/.test(s))
        .join("/");
    for (const method of METHODS) {
      const declared =
        new RegExp(`export\\s+(const|async\\s+function|function)\\s+${method}\\b`).test(source) ||
        new RegExp(`export\\s*\\{[^}]*\\bas\\s+${method}\\b`).test(source);
      if (declared) out.push(`${method} ${url}`);
    }
  }
  return out.sort();
}

/** Every server action: the exports of the slices' actions.ts files ("use server" modules). */
export function discoverActions(root = path.resolve("lib")): string[] {
  const out: string[] = [];
  for (const file of walk(root, "actions.ts")) {
    const source = fs.readFileSync(file, "utf8");
    if (!source.startsWith('"use server"')) continue;
    for (const m of source.matchAll(/export\s+(?:const|async\s+function)\s+(\w+)/g)) out.push(m[1]);
  }
  return out.sort();
}

type Manifest = { node: Record<string, { exportedName?: string; filename?: string }> };

/** The production build's id for each server action, by export name. */
export function actionIds(): Map<string, string> {
  const manifest = JSON.parse(
    fs.readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  const ids = new Map<string, string>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName && entry.filename?.endsWith("actions.ts")) ids.set(entry.exportedName, id);
  }
  return ids;
}

// React's own encoder for server-action arguments (what the browser sends), from Next's copy.
type EncodeReply = (value: unknown) => Promise<string | FormData>;
const requireFromHere = createRequire(import.meta.url);
const { encodeReply } = requireFromHere(
  path.resolve("node_modules/next/dist/compiled/react-server-dom-webpack/client.edge.js"),
) as { encodeReply: EncodeReply };

/** The body a browser posts to call an action with (prevState, formData), or with plain arguments. */
export async function actionBody(args: unknown[]): Promise<FormData> {
  const encoded = await encodeReply(args);
  if (typeof encoded !== "string") return encoded;
  const form = new FormData();
  form.set("0", encoded);
  return form;
}

export function formOf(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  }
  return form;
}
