// Checks real answers against the OpenAPI document (Ajv, JSON Schema 2020-12): a call goes through
// the route handler with a real token, and its status and body must be what the document says for
// that operation.
import { NextRequest } from "next/server";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { buildOpenApiDocument } from "@/lib/core/api/openapi";

export type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>> };

const doc = JSON.parse(JSON.stringify(buildOpenApiDocument())) as Doc & { $id?: string };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ ...doc, $id: "openapi.json" });

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
/** Every `METHOD path status` whose body was checked. */
export const checked = new Set<string>();

/** Calls a handler and checks the answer against the document's response for its path, method and status. */
export async function call(
  handler: Handler,
  op: {
    method: string;
    path: string;
    params?: Record<string, string>;
    json?: unknown;
    yaml?: string;
    /** A text body of another type (`text/csv`). */
    text?: { type: string; body: string };
  },
  token: string,
) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (op.json !== undefined) headers["content-type"] = "application/json";
  if (op.yaml !== undefined) headers["content-type"] = "application/yaml";
  if (op.text) headers["content-type"] = op.text.type;
  const res = await handler(
    new NextRequest(`http://localhost${op.path}`, {
      method: op.method,
      headers,
      body: op.json !== undefined ? JSON.stringify(op.json) : (op.yaml ?? op.text?.body),
    }),
    { params: Promise.resolve(op.params ?? {}) },
  );
  // A literal path before a templated one: /scorecards/apply is not /scorecards/{key}.
  const templates = Object.keys(doc.paths).sort((a, b) => a.split("{").length - b.split("{").length);
  const template = templates.find((p) => {
    const re = new RegExp(`^${p.replace(/\{\w+\}/g, "[^/]+")}$`);
    return re.test(op.path.split("?")[0]);
  });
  expect(template, `${op.path} is in the document`).toBeDefined();
  const response = doc.paths[template!][op.method.toLowerCase()]?.responses[String(res.status)];
  expect(response, `${op.method} ${template} documents ${res.status}`).toBeDefined();
  const content = (response!.content ?? {}) as Record<string, unknown>;
  if (content["application/yaml"]) {
    expect(res.headers.get("content-type"), `${op.method} ${template} answers YAML`).toMatch(/^application\/yaml/);
    checked.add(`${op.method} ${template} ${res.status}`);
    return { status: res.status, body: await res.text() };
  }
  const body = res.status === 204 ? null : await res.clone().json();
  if (content["application/json"]) {
    const validate = ajv.compile({
      $ref: `openapi.json#/${pointer("paths", template!, op.method.toLowerCase(), "responses", String(res.status), "content", "application/json", "schema")}`,
    });
    const ok = validate(body);
    expect(ok ? [] : validate.errors, `${op.method} ${template} ${res.status}`).toEqual([]);
    checked.add(`${op.method} ${template} ${res.status}`);
  }
  return { status: res.status, body };
}

export const route = async (file: string) => (await import(`@/app/api/v1/${file}/route`)) as Record<string, Handler>;
