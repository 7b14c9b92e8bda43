// Property-based fuzzing of every API route that takes a body (fast-check): random JSON, random
// near-valid bodies, random YAML and random signed webhook deliveries. Whatever arrives, the answer is
// never a 5xx, every refusal is a 4xx in the contract's error shape, and a refused request changes
// no row (a trigger on every table counts the changes). FUZZ_RUNS sets the cases per route (npm run
// fuzz uses 10,000).
//
// The file runs on a database of its own, so the change counter sees only its requests: the
// database is made before the app's modules load, and they are imported after.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeMark, changesSince, installChangeTracking } from "../support/change-tracking";
import { makeService, makeTeam } from "../support/factories";
import { createScratchDatabase } from "../support/scratch-database";

const scratch = await createScratchDatabase();
process.env.DATABASE_URL = scratch.url;
const { createApiToken } = await import("@/lib/access/server/tokens");
const { SYSTEM_ACTOR } = await import("@/lib/core/auth/permissions");
const { prisma } = await import("@/lib/core/db/client");
const { STATUS_BY_CODE } = await import("@/lib/core/errors");
const { ensureBuiltInTemplates } = await import("@/lib/readiness/server/templates");
const { ensureBuiltInScorecards } = await import("@/lib/scorecards/server/scorecard-admin");
const { importCsv } = await import("@/lib/delivery/server/import-csv");
const { DEPLOYMENT_COLUMNS, INCIDENT_COLUMNS } = await import("@/lib/delivery/sources");
const { isAppError } = await import("@/lib/core/errors");

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
// Every code of the contract but `internal`, which a client input must never cause.
const CODES = new Set(Object.keys(STATUS_BY_CODE).filter((code) => code !== "internal"));
const SECRET = "fuzz-webhook-secret";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Route = {
  file: string;
  pattern: string;
  method: string;
  handler: Handler;
  format: "json" | "yaml" | "csv" | "webhook";
};

const saved = { ...process.env };
const routes: Route[] = [];
let token = "";
let slug = "";
let sloId = "";

function discover(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? discover(p) : e.name === "route.ts" ? [p] : [];
  });
}

beforeAll(async () => {
  Object.assign(process.env, {
    SHIPSHAPE_RATE_LIMIT_PER_MINUTE: "10000000",
    GITHUB_WEBHOOK_SECRET: SECRET,
    PAGERDUTY_WEBHOOK_SECRET: SECRET,
    ALERTMANAGER_WEBHOOK_TOKEN: SECRET,
    OPSGENIE_WEBHOOK_TOKEN: SECRET,
    GITLAB_WEBHOOK_TOKEN: SECRET,
    // incident.io's Standard Webhooks signature cannot be forged here: every fuzzed delivery is a 401.
    INCIDENT_IO_WEBHOOK_SECRET: `whsec_${Buffer.from(SECRET).toString("base64")}`,
  });
  await ensureBuiltInTemplates();
  await ensureBuiltInScorecards();
  const team = await makeTeam(prisma);
  slug = (await makeService(prisma, team.id)).slug;
  const svc = await prisma.service.findUniqueOrThrow({ where: { slug } });
  sloId = (
    await prisma.slo.create({ data: { serviceId: svc.id, name: "availability", objective: 99.9, windowDays: 30 } })
  ).id;
  token = (await createApiToken({ name: "fuzz", scopes: ["admin"] }, SYSTEM_ACTOR)).token;
  await installChangeTracking(prisma);
  for (const file of discover(path.resolve("app/api/v1")).sort()) {
    const source = fs.readFileSync(file, "utf8");
    const mod = (await import(file)) as Record<string, unknown>;
    const pattern = path.relative(path.resolve("app/api"), path.dirname(file));
    if (pattern.includes("[...path]")) continue;
    for (const method of ["POST", "PATCH", "PUT"]) {
      if (typeof mod[method] !== "function") continue;
      const format = pattern.startsWith("v1/webhooks")
        ? "webhook"
        : /bodyFormat: "yaml"/.test(source)
          ? "yaml"
          : /bodyFormat: "csv"/.test(source)
            ? "csv"
            : "json";
      routes.push({ file, pattern, method, handler: mod[method] as Handler, format });
    }
  }
}, 120_000);

afterAll(async () => {
  await prisma.$disconnect();
  await scratch.drop();
  for (const key of [
    "SHIPSHAPE_RATE_LIMIT_PER_MINUTE",
    "GITHUB_WEBHOOK_SECRET",
    "PAGERDUTY_WEBHOOK_SECRET",
    "ALERTMANAGER_WEBHOOK_TOKEN",
    "OPSGENIE_WEBHOOK_TOKEN",
    "GITLAB_WEBHOOK_TOKEN",
    "INCIDENT_IO_WEBHOOK_SECRET",
  ]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

/** Path segments: the real service or SLO most of the time, junk the rest. */
function params(pattern: string, junk: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, name] of pattern.matchAll(/\[(\w+)\]/g)) {
    out[name] = junk ? junk : name === "slug" ? slug : name === "id" ? sloId : "owner-team";
  }
  return out;
}

// Bodies: anything JSON, and objects built from the fields the API knows with values of any type.
const FIELDS = [
  "service",
  "slug",
  "name",
  "team",
  "tier",
  "lifecycle",
  "externalId",
  "environment",
  "status",
  "startedAt",
  "finishedAt",
  "commits",
  "pullRequests",
  "deployments",
  "incidents",
  "slo",
  "samples",
  "objective",
  "windowDays",
  "version",
  "evidenceUrl",
  "decision",
  "justification",
  "expiresAt",
  "body",
  "note",
  "archived",
  "event",
  "action",
  "payload",
  "deployment_status",
  "repository",
];
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom("", "production", "success", slug || "x", "2026-01-05T10:00:00Z", "not-a-date", "1e309", "\u0000"),
  fc.integer(),
  fc.double(),
);
const nearValid = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 });
const jsonBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  nearValid.map((v) => JSON.stringify(v)),
  fc.string(),
);
const yamlBody = fc.oneof(
  fc.string(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.constantFrom("a: &a [x, x]\nb: [*a, *a]", "kind: Component\nmetadata: {name: x}", "---\n---\n", "key: [unclosed"),
);

// CSV: a real header with rows of anything, or any text at all.
const csvBody = fc.oneof(
  fc.string(),
  fc
    .array(fc.array(fc.oneof(fc.string(), value.map(String)), { maxLength: 6 }), { maxLength: 5 })
    .map((rows) =>
      ["externalId,service,environment,status,finishedAt,title,startedAt", ...rows.map((r) => r.join(","))].join("\n"),
    ),
);

async function call(route: Route, body: string, junkParam: string): Promise<Response> {
  const headers: Record<string, string> = { "x-shipshape-peer": "10.77.0.1" };
  if (route.format === "webhook") {
    headers["content-type"] = "application/json";
    const mac = crypto.createHmac("sha256", SECRET).update(body).digest("hex");
    headers["x-hub-signature-256"] = `sha256=${mac}`;
    headers["x-pagerduty-signature"] = `v1=${mac}`;
    headers["x-github-delivery"] = crypto.randomUUID();
    headers["x-github-event"] = "deployment_status";
    // Alertmanager and Opsgenie send a shared token instead of a signature.
    headers.authorization = `Bearer ${SECRET}`;
    headers["x-gitlab-token"] = SECRET;
    headers["x-gitlab-event"] = "Deployment Hook";
    headers["x-gitlab-event-uuid"] = crypto.randomUUID();
  } else {
    headers.authorization = `Bearer ${token}`;
    headers["content-type"] = { yaml: "application/yaml", csv: "text/csv", json: "application/json" }[route.format];
  }
  const url = `http://localhost/api/${route.pattern}`;
  return route.handler(new NextRequest(url, { method: route.method, headers, body }), {
    params: Promise.resolve(params(route.pattern, junkParam)),
  });
}

describe("fuzzing the API", () => {
  it("found the routes that take a body", () => {
    expect(routes.length).toBeGreaterThanOrEqual(18);
  });

  it(`never answers 5xx, refuses in the error shape, and a refusal changes no row (${RUNS} cases per route)`, async () => {
    const failures: string[] = [];
    // The change counter must see the accepted writes, or "no row changed" would prove nothing.
    let acceptedWrites = 0;
    for (const route of routes) {
      const check = fc.assert(
        fc.asyncProperty(
          route.format === "yaml" ? yamlBody : route.format === "csv" ? csvBody : jsonBody,
          fc.oneof({ weight: 4, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) }),
          async (body, junk) => {
            const mark = await changeMark(prisma);
            const res = await call(route, body, junk);
            if (res.status >= 500) {
              failures.push(
                `${route.method} ${route.pattern} → ${res.status} for ${JSON.stringify(body).slice(0, 200)}`,
              );
              return false;
            }
            if (res.status >= 400) {
              const json = (await res.json()) as { error?: { code?: string; message?: unknown } };
              const changed = await changesSince(prisma, mark);
              if (changed.length > 0) {
                failures.push(
                  `${route.method} ${route.pattern} → ${res.status} but changed [${changed.join(", ")}] for ${JSON.stringify(body).slice(0, 200)}`,
                );
                return false;
              }
              return CODES.has(json.error?.code ?? "") && typeof json.error?.message === "string";
            }
            if ((await changesSince(prisma, mark)).length > 0) acceptedWrites += 1;
            return true;
          },
        ),
        { numRuns: RUNS },
      );
      await check.catch((error: Error) =>
        failures.push(`${route.method} ${route.pattern}: ${error.message.split("\n")[0]}`),
      );
    }
    expect(failures).toEqual([]);
    expect(acceptedWrites).toBeGreaterThan(0);
  }, 600_000);

  it(`takes any CSV into the deployment and incident importers: a report or a 4xx error, never a crash, and a refused file changes no row (${RUNS} cases each)`, async () => {
    // The importers' own column lists: a new column is fuzzed without touching this test.
    const HEADS = { deployments: DEPLOYMENT_COLUMNS, incidents: INCIDENT_COLUMNS } as const;
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        slug,
        "production",
        "success",
        "2026-01-05T10:00:00Z",
        "not-a-date",
        '"quoted,comma"',
        "=1+1",
        "\u0000",
      ),
    );
    const failures: string[] = [];
    // Well-formed rows for our service, so the importers' write path is fuzzed too, not only refusals.
    const VALID: Record<string, string> = {
      service: slug,
      environment: "production",
      status: "success",
      title: "Outage",
      severity: "sev1",
      startedAt: "2026-01-05T10:00:00Z",
      finishedAt: "2026-01-05T10:00:00Z",
      resolvedAt: "2026-01-05T11:00:00Z",
    };
    const validRow = (kind: keyof typeof HEADS) => (id: string) =>
      HEADS[kind].map((column) => (column === "externalId" ? id : (VALID[column] ?? ""))).join(",");
    let imported = 0;
    for (const kind of ["deployments", "incidents"] as const) {
      const valid = fc
        .tuple(fc.array(fc.uuid(), { minLength: 1, maxLength: 3 }), fc.array(cell, { maxLength: 9 }))
        .map(([ids, junk]) =>
          [HEADS[kind].join(","), ...ids.map(validRow(kind)), ...(junk.length > 6 ? [junk.join(",")] : [])].join("\n"),
        );
      const file = fc.oneof(
        valid,
        fc.string(),
        fc
          .tuple(
            fc.shuffledSubarray([...HEADS[kind]], { minLength: 1 }),
            fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 6 }),
          )
          .map(([head, rows]) => [head.join(","), ...rows.map((r) => r.join(","))].join("\n")),
      );
      await fc
        .assert(
          fc.asyncProperty(file, async (text) => {
            const mark = await changeMark(prisma);
            try {
              const result = await importCsv(kind, text, SYSTEM_ACTOR);
              const changed = await changesSince(prisma, mark);
              if (result.ok && changed.length > 0) imported += 1;
              if (!result.ok && changed.length > 0) {
                failures.push(
                  `${kind}: refused but changed [${changed.join(", ")}] for ${JSON.stringify(text).slice(0, 200)}`,
                );
                return false;
              }
              return true;
            } catch (error) {
              const changed = await changesSince(prisma, mark);
              if (!isAppError(error) || error.status >= 500 || changed.length > 0) {
                failures.push(
                  `${kind}: ${(error as Error).message.slice(0, 200)} for ${JSON.stringify(text).slice(0, 200)}`,
                );
                return false;
              }
              return true;
            }
          }),
          { numRuns: RUNS },
        )
        .catch((error: Error) => failures.push(`${kind}: ${error.message.split("\n")[0]}`));
    }
    expect(failures).toEqual([]);
    expect(imported).toBeGreaterThan(0);
  }, 600_000);
});
