// GitHub cannot be reached from the tests: a loopback server answers with the payloads GitHub's REST
// documentation gives for GET /user/emails and GET /user/orgs.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchGithubIdentity } from "@/lib/access/sources/github-identity";

const EMAILS = [
  { email: "octocat@github.com", primary: true, verified: true, visibility: "private" },
  { email: "octocat@old-job.example", primary: false, verified: false, visibility: null },
  { email: "Octo.Cat@Acme.example", primary: false, verified: true, visibility: null },
];
const ORGS = [
  {
    login: "github",
    id: 1,
    node_id: "MDEyOk9yZ2FuaXphdGlvbjE=",
    url: "https://api.github.com/orgs/github",
    repos_url: "https://api.github.com/orgs/github/repos",
    description: "A great organization",
  },
];

let base = "";
const seen: Array<{ path?: string; auth?: string }> = [];
let orgsStatus = 200;
const server = http.createServer((req, res) => {
  seen.push({ path: req.url, auth: req.headers.authorization });
  if (req.headers.authorization !== "Bearer gho_test") return res.writeHead(401).end('{"message":"Bad credentials"}');
  if (req.url === "/api/v3/user/emails")
    return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(EMAILS));
  if (req.url === "/api/v3/user/orgs") {
    return res
      .writeHead(orgsStatus, { "content-type": "application/json" })
      .end(orgsStatus === 200 ? JSON.stringify(ORGS) : "{}");
  }
  res.writeHead(404).end();
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("GitHub identity look-ups", () => {
  it("keep only verified emails, the primary one when verified, and the organisations", async () => {
    expect(await fetchGithubIdentity("gho_test", base)).toEqual({
      verifiedEmails: ["octocat@github.com", "octo.cat@acme.example"],
      primaryVerified: "octocat@github.com",
      orgs: ["github"],
    });
    expect(seen.every((s) => s.auth === "Bearer gho_test")).toBe(true);
  });

  it("report unknown organisations as null when the token may not list them", async () => {
    orgsStatus = 403;
    expect((await fetchGithubIdentity("gho_test", base)).orgs).toBeNull();
    orgsStatus = 200;
  });

  it("fail when GitHub refuses the token", async () => {
    await expect(fetchGithubIdentity("gho_wrong", base)).rejects.toThrow("GitHub /user/emails answered 401");
  });
});
