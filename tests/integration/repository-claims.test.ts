// A repository belongs to one service: another team cannot claim its deployments by naming it.
import { describe, expect, it } from "vitest";
import { createService, updateService } from "@/lib/catalog/server/services";
import { SYSTEM_ACTOR } from "@/lib/core/auth/permissions";
import { prisma } from "@/lib/core/db/client";
import { actorFor, makeService, makeTeam, makeUser, uniq } from "../support/factories";

describe("repository claims", () => {
  it("refuse a second service for a repository, by create or by edit, and change nothing", async () => {
    const victimTeam = await makeTeam(prisma);
    const attackerTeam = await makeTeam(prisma);
    const repo = `acme/${uniq("payments")}`;
    const victim = await createService(
      {
        slug: uniq("pay"),
        name: "Payments",
        team: victimTeam.slug,
        tier: 1,
        lifecycle: "production",
        type: "service",
        repoUrl: `https://github.com/${repo}`,
      },
      SYSTEM_ACTOR,
    );
    const mine = await makeService(prisma, attackerTeam.id);
    const engineer = actorFor(await makeUser(prisma, { role: "engineer", teamIds: [attackerTeam.id] }), [
      attackerTeam.id,
    ]);

    await expect(
      updateService(mine.slug, { repoUrl: `https://github.com/${repo.toUpperCase()}.git` }, engineer),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining(`already belongs to service "${victim.slug}"`),
    });
    expect((await prisma.service.findUniqueOrThrow({ where: { slug: mine.slug } })).repoSlug).toBeNull();
    // Not even the platform team can give it to a second service.
    await expect(
      createService(
        {
          slug: uniq("clone"),
          name: "Clone",
          team: attackerTeam.slug,
          tier: 3,
          lifecycle: "production",
          type: "service",
          repoUrl: `https://github.com/${repo}`,
        },
        SYSTEM_ACTOR,
      ),
    ).rejects.toMatchObject({ code: "conflict" });
    // The owner may keep editing its own service with the same repository.
    await expect(
      updateService(victim.slug, { repoUrl: `https://github.com/${repo}` }, SYSTEM_ACTOR),
    ).resolves.toBeTruthy();
  });
});
