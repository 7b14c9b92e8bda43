import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { DOCUMENT_FIELDS } from "@/lib/scorecards/domain";

describe("docs/scorecards.md", () => {
  it("lists every field of the expression document, with its type", () => {
    const doc = fs.readFileSync("docs/scorecards.md", "utf8");
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const missing = DOCUMENT_FIELDS.filter(
      (f) => !new RegExp(`\\|\\s*\`${escape(f.path)}\`\\s*\\|\\s*\`${escape(f.type)}\``).test(doc),
    ).map((f) => f.path);
    expect(missing).toEqual([]);
  });
});
