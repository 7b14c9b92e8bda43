import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { createTeam } from "@/lib/catalog/server/teams";
import type { UserActor } from "@/lib/core/auth/permissions";
import { uniq } from "../support/factories";

const actor: UserActor = {
  kind: "user",
  id: "00000000-0000-4000-8000-000000000001",
  email: "auditor@test",
  name: null,
  role: "platform",
  teamIds: [],
};

describe("audit log", () => {
  it("records a change in the same transaction as the change", async () => {
    const team = await createTeam({ slug: uniq("audited"), name: "Audited" }, actor);
    const entries = await prisma.auditLog.findMany({ where: { entityType: "team", entityId: team.id } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "team.create", actorType: "user", actorLabel: "auditor@test" });
  });

  it("is append-only: the database rejects updates and deletes", async () => {
    const team = await createTeam({ slug: uniq("audited"), name: "Audited" }, actor);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { entityId: team.id } });
    await expect(prisma.auditLog.update({ where: { id: entry.id }, data: { action: "tampered" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    expect((await prisma.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).action).toBe("team.create");
  });
});
