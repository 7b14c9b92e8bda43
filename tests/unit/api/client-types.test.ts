import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { generateApiTypes, SCHEMA_FILE } from "@/lib/cli/api/generate";

describe("the CLI's typed API client", () => {
  it("is generated from today's OpenAPI document (run `npm run api:types` after changing the API)", async () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(await generateApiTypes());
  });

  it("types the gate's 412 answer with the failing rules, as the document describes", async () => {
    const text = await generateApiTypes();
    const gate = text.slice(text.indexOf("getServicesBySlugGate: {"));
    expect(gate.slice(0, gate.indexOf("\n  };"))).toMatch(
      /412: \{[\s\S]*"application\/json": components\["schemas"\]\["GateResult"\]/,
    );
  });
});
