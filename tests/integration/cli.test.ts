import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { findTokenActor } from "@/lib/access/server/tokens";
import { authenticateWithPassword } from "@/lib/access/server/users";
import { makeTeam, uniq } from "../support/factories";

const exec = promisify(execFile);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "lib/cli/index.ts", ...args],
      {
        env: { ...process.env, LOG_LEVEL: "silent" },
      },
    );
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("npm run cli", () => {
  it("token create prints only a working token, bound to the team asked for", async () => {
    const team = await makeTeam(prisma);
    const r = await cli("token", "create", "--name", "x", "--scopes", "ingest,read", "--team", team.slug);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ssp_[A-Za-z0-9_-]{43}\n$/);
    expect(await findTokenActor(r.stdout.trim())).toMatchObject({ scopes: ["ingest", "read"], teamId: team.id });
  });

  it("user create makes a user who can sign in", async () => {
    const team = await makeTeam(prisma);
    const email = `${uniq("cli")}@test.shipshape.dev`;
    const r = await cli(
      "user",
      "create",
      "--email",
      email,
      "--role",
      "engineer",
      "--team",
      team.slug,
      "--password",
      "a-long-password",
    );
    expect(r.code).toBe(0);
    expect(await authenticateWithPassword(email, "a-long-password")).toMatchObject({
      ok: true,
      user: { role: "engineer", teamIds: [team.id] },
    });
  });

  it.each([
    [["token", "create", "--name", "x", "--scopes", "write"], /--scopes must list ingest, read, admin/],
    [["token", "create", "--scopes", "read"], /required option '--name <name>'/],
    [["user", "create", "--email", "a@b.co", "--role", "boss"], /--role must be one of platform, engineer, leadership/],
    [
      ["token", "create", "--name", "x", "--scopes", "read", "--team", "no-such-team-zz"],
      /Team "no-such-team-zz" not found/,
    ],
    [["seed", "everything"], /dataset must be "demo" or "large"/],
    [["frobnicate"], /unknown command 'frobnicate'/],
  ])("rejects bad arguments %j with a clear message and exit code 2", async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("--help lists the commands and exits 0", async () => {
    const r = await cli("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/token[\s\S]*user[\s\S]*seed/);
  });
});
