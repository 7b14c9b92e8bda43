import { describe, expect, it } from "vitest";
import type { TokenActor } from "@/lib/core/auth/permissions";
import { prisma } from "@/lib/core/db/client";
import { importSloYaml } from "@/lib/slo/server";
import { makeService, makeTeam, uniq } from "../support/factories";

const doc = (service: string, name: string) => `version: "prometheus/v1"
service: "${service}"
slos:
  - name: "${name}"
    objective: 99.9
`;

describe("SLO import by a team-bound token", () => {
  it("refuses a file that names another team's service with 403, writing nothing of it", async () => {
    const mine = await makeTeam(prisma);
    const theirs = await makeTeam(prisma);
    const own = await makeService(prisma, mine.id);
    const other = await makeService(prisma, theirs.id);
    const token: TokenActor = { kind: "token", id: uniq("t"), name: "ci", scopes: ["ingest"], teamId: mine.id };
    const file = `${doc(own.slug, "availability")}---\n${doc(other.slug, "availability")}`;
    await expect(importSloYaml(file, token)).rejects.toMatchObject({ code: "forbidden" });
    expect(await prisma.slo.count({ where: { serviceId: { in: [own.id, other.id] } } })).toBe(0);
    expect(await importSloYaml(doc(own.slug, "availability"), token)).toMatchObject({ created: 1, errors: [] });
  });
});
