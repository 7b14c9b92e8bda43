// The boundary rules in eslint.config.mjs bite: each fixture below holds one forbidden import, linted
// as if it stood at the given path, and must be refused; the allowed forms must pass.
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("boundary rules", () => {
  it("refuses Prisma outside server/ and the core db module", async () => {
    const code = 'import { PrismaClient } from "@/generated/prisma/client";\nexport const c = PrismaClient;\n';
    expect(await restrictedImports("app/(dashboard)/fixture/page.tsx", code)).toEqual([
      expect.stringContaining("Only a slice's server/ code and lib/core/db may touch Prisma or pg"),
    ]);
    expect(await restrictedImports("lib/delivery/domain/fixture.ts", code)).not.toHaveLength(0);
    expect(await restrictedImports("lib/delivery/server/fixture.ts", code)).toEqual([]);
    expect(await restrictedImports("lib/core/db/fixture.ts", code)).toEqual([]);
  });

  it("refuses pg and the database client in pages and components", async () => {
    expect(
      await restrictedImports("components/catalog/fixture.tsx", 'import pg from "pg";\nexport const p = pg;\n'),
    ).toHaveLength(1);
    const client = 'import { prisma } from "@/lib/core/db/client";\nexport const p = prisma;\n';
    expect(await restrictedImports("app/(dashboard)/fixture/page.tsx", client)).toEqual([
      expect.stringContaining("The database client is for server/ code"),
    ]);
  });

  it("keeps domain/ pure", async () => {
    for (const code of [
      'import { listServices } from "@/lib/catalog/server";\nexport const f = listServices;\n',
      'import { getDoraFigures } from "../server/dora";\nexport const f = getDoraFigures;\n',
      'import { redirect } from "next/navigation";\nexport const f = redirect;\n',
    ]) {
      expect(await restrictedImports("lib/delivery/domain/fixture.ts", code)).toEqual([
        expect.stringContaining("domain/ is pure"),
      ]);
    }
    const pure =
      'import { DAY_MS } from "@/lib/core/calendar";\nimport { lowerMedian } from "./dora";\nexport const f = [DAY_MS, lowerMedian];\n';
    expect(await restrictedImports("lib/delivery/domain/fixture.ts", pure)).toEqual([]);
  });

  it("keeps server/ out of components, except as types", async () => {
    const value = 'import { listServices } from "@/lib/catalog/server";\nexport const f = listServices;\n';
    expect(await restrictedImports("components/catalog/fixture.tsx", value)).toEqual([
      expect.stringContaining("Components never import server/ code"),
    ]);
    const typeOnly = 'import type { ServiceListRow } from "@/lib/catalog/server";\nexport type R = ServiceListRow;\n';
    expect(await restrictedImports("components/catalog/fixture.tsx", typeOnly)).toEqual([]);
  });

  it("lets one slice reach another only through its public entry", async () => {
    const deep = 'import { getDoraFigures } from "@/lib/delivery/server/dora-sql";\nexport const f = getDoraFigures;\n';
    expect(await restrictedImports("lib/scorecards/server/fixture.ts", deep)).toEqual([
      expect.stringContaining("through its public entry"),
    ]);
    expect(await restrictedImports("app/(dashboard)/fixture/page.tsx", deep)).toHaveLength(1);
    const relative =
      'import { getDoraFigures } from "../../delivery/server/dora-sql";\nexport const f = getDoraFigures;\n';
    expect(await restrictedImports("lib/scorecards/server/fixture.ts", relative)).toHaveLength(1);
    const entry = 'import { getDoraFigures } from "@/lib/delivery/server";\nexport const f = getDoraFigures;\n';
    expect(await restrictedImports("lib/scorecards/server/fixture.ts", entry)).toEqual([]);
    // Inside its own slice, a file may import another file directly.
    expect(await restrictedImports("lib/delivery/server/fixture.ts", deep)).toEqual([]);
  });
});
