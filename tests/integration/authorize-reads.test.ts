// Reads are authorised where writes are: in the slice's server function, through authorize().
import { describe, expect, it } from "vitest";
import { listApiTokens } from "@/lib/access/server/tokens";
import { listUsers } from "@/lib/access/server/users";
import { listServices, ZServiceListQuery } from "@/lib/catalog/server/services";
import { listTeams } from "@/lib/catalog/server/teams";
import type { TokenActor, UserActor } from "@/lib/core/auth/permissions";
import { listUnmatched } from "@/lib/delivery/server/webhook-deliveries";
import { listWebhooks } from "@/lib/notifications/server/webhooks";
import { makeTeam, uniq } from "../support/factories";
import { prisma } from "@/lib/core/db/client";

const token = (scopes: TokenActor["scopes"]): TokenActor => ({
  kind: "token",
  id: uniq("tok"),
  name: "ci",
  scopes,
  teamId: null,
});
const user = (role: UserActor["role"]): UserActor => ({
  kind: "user",
  id: uniq("u"),
  email: `${uniq(role)}@x.dev`,
  name: null,
  role,
  teamIds: [],
});

describe("authorised reads", () => {
  it("refuses a signed-out caller and a token without the read scope", async () => {
    const query = ZServiceListQuery.parse({});
    await expect(listTeams(null)).rejects.toMatchObject({ code: "forbidden" });
    await expect(listServices(token(["ingest"]), query)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("lacks the scope"),
    });
    const team = await makeTeam(prisma);
    expect((await listTeams(token(["read"]))).map((t) => t.slug)).toContain(team.slug);
  });

  it("keeps users, tokens, notification webhooks and unmatched events to the platform team", async () => {
    for (const role of ["engineer", "leadership"] as const) {
      for (const read of [listUsers, listApiTokens, listWebhooks, listUnmatched]) {
        await expect(read(user(role))).rejects.toMatchObject({ code: "forbidden" });
      }
    }
    await expect(listUsers(token(["read"]))).rejects.toMatchObject({ code: "forbidden" });
    const platform = user("platform");
    expect(Array.isArray(await listUsers(platform))).toBe(true);
    expect(Array.isArray(await listApiTokens(platform))).toBe(true);
  });
});
