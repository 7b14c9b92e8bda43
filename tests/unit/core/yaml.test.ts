import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseYamlDocument, yamlDocuments } from "@/lib/core/yaml";

// Nine times nine times… aliases: a few hundred bytes that expand to millions of nodes.
const bomb = [
  "a: &a [x, x, x, x, x, x, x, x, x]",
  ..."bcde".split("").map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcd"[i]}`).join(", ")}]`),
  `f: [${Array(9).fill("*e").join(", ")}]`,
].join("\n");

describe("YAML uploads", () => {
  it("refuse an alias bomb as invalid YAML instead of expanding it", () => {
    expect(() => parseYamlDocument(bomb, z.unknown(), "The template")).toThrow(
      /The template is not valid YAML: Excessive alias count/,
    );
    expect(yamlDocuments(bomb)).toEqual([{ index: 0, error: expect.stringContaining("Excessive alias count") }]);
  });

  it("validate one document and name the bad path", () => {
    const schema = z.object({ key: z.string(), rules: z.array(z.object({ level: z.enum(["bronze", "silver"]) })) });
    expect(parseYamlDocument("key: k\nrules:\n  - level: bronze\n", schema, "The scorecard")).toEqual({
      key: "k",
      rules: [{ level: "bronze" }],
    });
    expect(() => parseYamlDocument("key: k\nrules:\n  - level: gold\n", schema, "The scorecard")).toThrow(
      /The scorecard is invalid: rules\.0\.level/,
    );
  });

  it("read each document of a stream on its own", () => {
    expect(yamlDocuments("a: 1\n---\nb: [\n---\nc: 3\n")).toEqual([
      { index: 0, value: { a: 1 } },
      { index: 1, error: expect.stringMatching(/^invalid YAML: /) },
      { index: 2, value: { c: 3 } },
    ]);
  });
});

describe("NUL characters", () => {
  it("are found wherever they hide, so the boundary can refuse them by path", async () => {
    const { nulPath } = await import("@/lib/core/validation");
    expect(nulPath({ name: "ok", items: [{ note: "fine" }] })).toBeNull();
    expect(nulPath({ name: "bad\u0000name" })).toBe("name");
    expect(nulPath({ deployments: [{}, { commits: [{ sha: "a\u0000" }] }] })).toBe("deployments.1.commits.0.sha");
    expect(nulPath({ "k\u0000": 1 })).toBe("k\u0000");
    expect(nulPath("text\u0000")).toBe("body");
  });
});
