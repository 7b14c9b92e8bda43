import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/core/api/openapi";

const API = path.resolve("app/api/v1");

/** Every route handler under app/api/v1 as "METHOD /api/v1/path/{param}". */
function routes(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const rel = path.relative(API, dir).split(path.sep);
        if (rel[0] === "[...path]" || rel[0] === "openapi.json") continue;
        const url = `/api/v1/${rel.map((seg) => seg.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`;
        for (const m of readFileSync(full, "utf8").matchAll(
          /export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g,
        ))
          out.push(`${m[1]} ${url}`);
      }
    }
  };
  walk(API);
  return out.sort();
}

describe("OpenAPI document", () => {
  const doc: { paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>> } =
    JSON.parse(JSON.stringify(buildOpenApiDocument()));
  const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
  );

  it("describes every route handler the app serves", () => {
    const served = routes();
    expect(served.length).toBeGreaterThan(25);
    expect(served.filter((r) => !documented.includes(r))).toEqual([]);
  });

  it("carries the request body schema a route validates with, and the gate's 412", () => {
    const item = doc.paths["/api/v1/services/{slug}/checklist/items/{key}"].patch.requestBody as {
      content: Record<string, { schema: { properties: Record<string, unknown> } }>;
    };
    expect(Object.keys(item.content["application/json"].schema.properties)).toEqual(
      expect.arrayContaining(["status", "version"]),
    );
    expect(Object.keys(doc.paths["/api/v1/services/{slug}/gate"].get.responses)).toEqual(
      expect.arrayContaining(["200", "412", "401", "404"]),
    );
  });

  it("gives every operation a unique operationId", () => {
    const ops = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops as Record<string, { operationId?: string }>).map((o) => o.operationId),
    );
    expect(ops.every((id) => typeof id === "string" && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ops).size).toBe(ops.length);
    expect(
      (doc.paths["/api/v1/services/{slug}/facts/{key}"] as unknown as Record<string, { operationId: string }>).put
        .operationId,
    ).toBe("putServicesBySlugFactsByKey");
  });

  it("documents every answer a webhook gives: 201 applied, 200 a repeat, 202 unmatched or ignored", () => {
    for (const source of ["github", "gitlab", "pagerduty", "alertmanager", "incident-io", "opsgenie"]) {
      const responses = (
        doc.paths[`/api/v1/webhooks/${source}`] as Record<string, { responses: Record<string, unknown> }>
      ).post.responses;
      expect(Object.keys(responses), source).toEqual(expect.arrayContaining(["200", "201", "202"]));
      expect(responses["202"], source).toHaveProperty("content.application/json.schema");
    }
  });
});
