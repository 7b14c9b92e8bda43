import { expect } from "vitest";
import { prisma } from "@/lib/core/db/client";
import { getDoraFiguresForWindows, getDoraFiguresOfKeys } from "@/lib/delivery/server/dora-days";
import type { Window } from "@/lib/delivery/domain/dora";
import { computeDoraFigures } from "@/lib/delivery/domain/dora-report";
import type { factsOf } from "./dora-facts";

/**
 * The organisation pages' path (lib/delivery/server/dora-days.ts) against the definitions over the
 * rows as they are: every window at once, each service on its own and all of them together.
 */
export async function expectManyWindowsAtOnce(
  serviceIds: string[],
  facts: Awaited<ReturnType<typeof factsOf>>,
  windows: Window[],
  step: string,
) {
  // Every window at once from one read of the rollups (the leadership page's path: rows per key and
  // stretch between the windows' edges), each service on its own and both together; windows of
  // whole days are aggregated from the rows, the others not.
  const byWindow = await getDoraFiguresForWindows(
    { serviceIds, keys: serviceIds },
    windows.flatMap((window) => [
      { window, group: (key: string) => key },
      { window, group: () => "all" },
    ]),
    prisma,
  );
  for (const [i, w] of windows.entries()) {
    const label = `${step}: many windows at once, ${w.from.toISOString()}`;
    // One window, its rollups summed per key (the organisation scorecards' and /delivery's path).
    const perKey = await getDoraFiguresOfKeys({ serviceIds, keys: serviceIds }, w, prisma);
    const together = await getDoraFiguresOfKeys({ serviceIds, keys: serviceIds.map(() => "all") }, w, prisma);
    for (const id of serviceIds) {
      const deployments = facts.deployments.filter((d) => d.serviceId === id);
      const incidents = facts.incidents.filter((x) => x.serviceId === id);
      const expected = computeDoraFigures(deployments, incidents, w);
      expect(byWindow[2 * i].get(id), `${label}, one service`).toEqual(expected);
      expect(perKey.get(id), `${step}: one window per key, one service`).toEqual(expected);
    }
    const expected = computeDoraFigures(facts.deployments, facts.incidents, w);
    expect(byWindow[2 * i + 1].get("all"), `${label}, both`).toEqual(expected);
    expect(together.get("all"), `${step}: one window per key, both`).toEqual(expected);
  }
}
