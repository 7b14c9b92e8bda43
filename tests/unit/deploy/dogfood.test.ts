import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readDogfood } from "@/prisma/seed/dogfood-file";

// deploy/readiness/shipshape.yaml answers every item of the template it names, and every piece of
// evidence it cites exists in this repository.
describe("Shipshape's own readiness review", () => {
  const doc = readDogfood();
  const template = parse(fs.readFileSync(`prisma/seed/templates/${doc.template}.yaml`, "utf8")) as {
    categories: Array<{ items: Array<{ key: string }> }>;
  };
  const keys = template.categories.flatMap((c) => c.items.map((i) => i.key));

  it("answers every item of its template, and only those", () => {
    expect(Object.keys(doc.items).sort()).toEqual([...keys].sort());
  });

  it("cites evidence that exists, for the runbook and dashboard too", () => {
    const cited = [
      doc.service.runbook,
      doc.service.dashboard,
      ...Object.values(doc.items).flatMap((a) => (a.status === "done" ? [a.evidence] : [])),
    ];
    for (const p of cited) expect(fs.existsSync(p), p).toBe(true);
  });

  it("leaves items open where the work is not done, each saying what is missing", () => {
    const open = Object.entries(doc.items).filter(([, a]) => a.status === "open");
    expect(open.length).toBeGreaterThan(0);
    for (const [key, a] of open) expect(a.status === "open" && a.note.length > 10, key).toBe(true);
  });
});
