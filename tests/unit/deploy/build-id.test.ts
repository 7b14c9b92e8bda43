import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { shipshapeBuildId } from "../../../next.config.js";

// Replicas built separately must agree on Next's build id (next.config.js).
describe("the build id", () => {
  const saved = process.env.SHIPSHAPE_BUILD_ID;
  afterEach(() => {
    if (saved === undefined) delete process.env.SHIPSHAPE_BUILD_ID;
    else process.env.SHIPSHAPE_BUILD_ID = saved;
  });

  it("is SHIPSHAPE_BUILD_ID when set", () => {
    process.env.SHIPSHAPE_BUILD_ID = "release-2026-12-02";
    expect(shipshapeBuildId()).toBe("release-2026-12-02");
  });

  it("is the git commit being built otherwise, the same for every build of that commit", () => {
    delete process.env.SHIPSHAPE_BUILD_ID;
    let head: string | null = null;
    try {
      head = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
    } catch {
      head = null; // not a git checkout (an unpacked release): Next chooses
    }
    expect(shipshapeBuildId()).toBe(head);
    expect(shipshapeBuildId()).toBe(shipshapeBuildId());
  });
});
