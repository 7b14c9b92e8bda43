// The authorisation matrix: every route handler and every server action (found in the source, so a
// new one without a row fails here), called by each of eight actors over HTTP against the production
// server. Allowed means the change happened; denied means 401 or 403 (for an action: its error
// state) and no row changed in any tracked table. Server actions are called as a raw POST, the way
// a script would, with no page in between.
//
// It runs as its own Playwright project after the others (playwright.config.ts), so the change
// counter sees only its own requests.
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { expect, test } from "./fixtures";
import { ACTIONS, ROUTES, type ActionCell, type RouteCell } from "./authz/cells";
import {
  ACTORS,
  ALLOWED,
  actionBody,
  actionIds,
  buildWorld,
  changeMark,
  changesSince,
  discoverActions,
  discoverRoutes,
  disposeWorld,
  formOf,
  installChangeTracking,
  removeChangeTracking,
  type ActorName,
  type World,
} from "./authz/world";

// One worker runs the file in order (fullyParallel is off); a failed cell does not skip the rest.
test.setTimeout(600_000);

let world: World;
// One client for the whole file (the fixtures' client is per test; the world outlives tests).
const db = new PrismaClient({
  adapter: new PrismaPg({ connectionString: process.env.E2E_DATABASE_URL ?? "", max: 2 }),
});

test.beforeAll(async ({}, info) => {
  test.setTimeout(180_000);
  const baseURL = String(info.project.use.baseURL);
  world = await buildWorld(db, baseURL);
  // Some history on serviceA's first item, for the read-only history action to return.
  const platform = world.actors.platform;
  const patched = await platform.ctx.patch(`/api/v1/services/${world.serviceA.slug}/checklist/items/${world.itemKey}`, {
    data: { status: "done", version: 0, evidenceUrl: "https://wiki.example.com/matrix" },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  // A second version of the default template, so "upgrade checklist" has something to do.
  const yaml = fs
    .readFileSync(path.resolve("prisma/seed/templates/production-readiness.yaml"), "utf8")
    .replace(/^description: >/m, "description: >\n  Revised by the authorisation matrix.");
  const imported = await platform.ctx.post("/api/v1/templates", {
    headers: { "content-type": "application/yaml" },
    data: yaml,
  });
  expect(imported.status(), await imported.text()).toBeLessThan(300);
  await installChangeTracking(db);
});

test.afterAll(async () => {
  if (world) await disposeWorld(world);
  await removeChangeTracking(db);
  await db.$disconnect();
});

test("every route handler and server action has a row in the matrix, and every row exists", () => {
  const routes = discoverRoutes();
  expect(routes.length).toBeGreaterThan(40);
  expect(
    routes.filter((r) => !(r in ROUTES)),
    "route handlers without a matrix row",
  ).toEqual([]);
  expect(
    Object.keys(ROUTES).filter((r) => !routes.includes(r)),
    "matrix rows for routes that no longer exist",
  ).toEqual([]);

  const actions = discoverActions();
  expect(actions.length).toBeGreaterThan(30);
  expect(
    actions.filter((a) => !(a in ACTIONS)),
    "server actions without a matrix row",
  ).toEqual([]);
  expect(
    Object.keys(ACTIONS).filter((a) => !actions.includes(a)),
    "matrix rows for actions that no longer exist",
  ).toEqual([]);
  // Each action is in the production build (so it can be called, and is called below).
  const ids = actionIds();
  expect(
    actions.filter((a) => !ids.has(a)),
    "server actions missing from the build",
  ).toEqual([]);
});

const isWrite = (method: string) => method !== "GET";
const deniedStatus = (actor: ActorName) => (actor === "anonymous" || actor === "disabled" ? 401 : 403);

for (const [key, row] of Object.entries(ROUTES)) {
  if ("excluded" in row) continue;
  const cell = row as RouteCell;
  const [method] = key.split(" ");
  test(`route ${key} (${cell.policy})`, async () => {
    const failures: string[] = [];
    for (const actor of ACTORS) {
      const req = await cell.prepare(world);
      const mark = await changeMark(db);
      const res = await world.actors[actor].ctx.fetch(req.path, {
        method,
        maxRedirects: 0,
        ...(req.yaml !== undefined
          ? { headers: { "content-type": "application/yaml" }, data: req.yaml }
          : req.csv !== undefined
            ? { headers: { "content-type": "text/csv" }, data: req.csv }
            : req.json !== undefined
              ? { data: req.json }
              : {}),
      });
      const status = res.status();
      const changes = await changesSince(db, mark);
      const allowed = ALLOWED[cell.policy].has(actor);
      const expectChange = allowed && (cell.writes ?? isWrite(method));
      const wantStatus = allowed ? "2xx" : cell.policy === "signature" ? "401" : String(deniedStatus(actor));
      const okStatus = allowed
        ? (cell.allowedStatus ?? []).includes(status) || (status >= 200 && status < 300)
        : String(status) === wantStatus;
      const okChanges = allowed ? !expectChange || changes.length > 0 : changes.length === 0;
      if (!okStatus || !okChanges) {
        failures.push(
          `${actor}: HTTP ${status} (want ${wantStatus}); changes [${changes.join(", ")}]` +
            `${expectChange ? " (want some)" : allowed ? "" : " (want none)"}; ${(await res.text()).slice(0, 200)}`,
        );
      }
    }
    expect(failures, `cells that disagree with the ${cell.policy} policy`).toEqual([]);
  });
}

/** What an action's response says, from its RSC payload: success, error (with message), or data. */
function outcome(text: string): string {
  const status = /"status":"(success|error|idle)"/.exec(text)?.[1];
  const message = /"message":"([^"]*)"/.exec(text)?.[1];
  return status ? `${status}${message ? `: ${message}` : ""}` : text.slice(0, 200);
}

for (const [name, row] of Object.entries(ACTIONS)) {
  const cell = row as ActionCell;
  test(`action ${name} (${cell.policy})`, async () => {
    const id = actionIds().get(name);
    expect(id, `${name} is not in the build`).toBeTruthy();
    const failures: string[] = [];
    for (const actor of ACTORS) {
      const fields = await cell.prepare(world, actor);
      const args = cell.args ? await cell.args(world) : [{ status: "idle" }, formOf(fields)];
      const body = await actionBody(args);
      const mark = await changeMark(db);
      const res = await world.actors[actor].ctx.post("/", {
        headers: { "next-action": id!, accept: "text/x-component" },
        multipart: body,
        maxRedirects: 0,
      });
      const status = res.status();
      const text = await res.text();
      const changes = await changesSince(db, mark);
      const allowed = ALLOWED[cell.policy].has(actor);
      const redirected = res.headers()["x-action-redirect"] !== undefined;
      const said = redirected ? `redirect to ${res.headers()["x-action-redirect"]}` : outcome(text);
      let ok: boolean;
      if (allowed) {
        const resultOk = cell.allowedResult
          ? cell.allowedResult.test(text)
          : redirected || /"status":"success"/.test(text);
        ok = status < 400 && resultOk && ((cell.writes ?? true) ? changes.length > 0 : true);
      } else {
        const refused = cell.allowedResult
          ? !cell.allowedResult.test(text)
          : /"status":"error"/.test(text) && !redirected;
        ok = status < 500 && refused && changes.length === 0;
      }
      if (!ok) failures.push(`${actor}: HTTP ${status}, ${said}; changes [${changes.join(", ")}]`);
      if (allowed && cell.after) await cell.after(world, actor);
    }
    expect(failures, `cells that disagree with the ${cell.policy} policy`).toEqual([]);
  });
}
