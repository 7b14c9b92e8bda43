import { describe, expect, it } from "vitest";
import {
  checklistProgress,
  effectiveItem,
  orderItems,
  type ChecklistItemDef,
  type WaiverWindow,
} from "@/lib/readiness/domain/checklist";

const NOW = new Date("2026-11-27T12:00:00Z");
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

const items: Array<ChecklistItemDef & { position: number }> = [
  { key: "a", categoryKey: "ops", requiredForTiers: [1, 2], weight: 2, position: 0 },
  { key: "b", categoryKey: "ops", requiredForTiers: [], weight: 1, position: 1 },
  { key: "c", categoryKey: "sec", requiredForTiers: [1], weight: 1, position: 2 },
  { key: "d", categoryKey: "sec", requiredForTiers: [], weight: 1, position: 3 },
];

describe("waiver expiry", () => {
  const waiver = (expiresAt: Date, status: WaiverWindow["status"] = "approved"): WaiverWindow => ({
    itemKey: "a",
    status,
    expiresAt,
  });

  it("counts a waived item as waived while its approved waiver runs", () => {
    expect(effectiveItem({ itemKey: "a", status: "waived" }, [waiver(day(3))], "a", NOW)).toEqual({
      status: "waived",
      waiverExpired: false,
      waivedUntil: day(3),
    });
  });

  it("reopens the item, visibly, once the waiver has expired", () => {
    expect(effectiveItem({ itemKey: "a", status: "waived" }, [waiver(day(-1))], "a", NOW)).toEqual({
      status: "open",
      waiverExpired: true,
      waivedUntil: null,
    });
  });

  it("treats the expiry instant itself as expired", () => {
    expect(effectiveItem({ itemKey: "a", status: "waived" }, [waiver(NOW)], "a", NOW).status).toBe("open");
  });

  it("ignores pending, rejected and revoked waivers", () => {
    for (const s of ["pending", "rejected", "revoked"] as const) {
      expect(effectiveItem({ itemKey: "a", status: "waived" }, [waiver(day(5), s)], "a", NOW).status).toBe("open");
    }
  });

  it("uses the longest running waiver when there are several", () => {
    expect(
      effectiveItem({ itemKey: "a", status: "waived" }, [waiver(day(2)), waiver(day(9)), waiver(day(-3))], "a", NOW)
        .waivedUntil,
    ).toEqual(day(9));
  });
});

describe("checklist progress", () => {
  it("starts at zero with every required item missing", () => {
    const p = checklistProgress(items, [], [], 1, NOW);
    expect(p.overall).toMatchObject({ resolved: 0, total: 4, percent: 0 });
    expect(p.required).toEqual({ satisfied: 0, total: 2, missing: ["a", "c"] });
  });

  it("weights progress, counts N/A and active waivers as resolved", () => {
    const p = checklistProgress(
      items,
      [
        { itemKey: "a", status: "done" },
        { itemKey: "b", status: "not_applicable" },
        { itemKey: "c", status: "waived" },
      ],
      [{ itemKey: "c", status: "approved", expiresAt: day(10) }],
      1,
      NOW,
    );
    expect(p.overall).toMatchObject({ resolved: 3, total: 4, weightResolved: 4, weightTotal: 5, percent: 80 });
    expect(p.byCategory.ops.percent).toBe(100);
    expect(p.byCategory.sec).toMatchObject({ resolved: 1, total: 2, percent: 50 });
    expect(p.required).toEqual({ satisfied: 2, total: 2, missing: [] });
  });

  it("does not let 'not applicable' satisfy a requirement", () => {
    const p = checklistProgress(items, [{ itemKey: "a", status: "not_applicable" }], [], 2, NOW);
    expect(p.required.missing).toEqual(["a"]);
  });

  it("drops back when a waiver expires", () => {
    const states = [{ itemKey: "a", status: "waived" as const }];
    const waivers: WaiverWindow[] = [{ itemKey: "a", status: "approved", expiresAt: day(1) }];
    expect(checklistProgress(items, states, waivers, 1, NOW).required.missing).toEqual(["c"]);
    expect(checklistProgress(items, states, waivers, 1, day(2)).required.missing).toEqual(["a", "c"]);
  });

  it("uses the tier: tier 3 requires nothing here", () => {
    expect(checklistProgress(items, [], [], 3, NOW).required).toEqual({ satisfied: 0, total: 0, missing: [] });
  });

  it("orders required-for-tier items first, then template order", () => {
    expect(orderItems(items, 1).map((i) => i.key)).toEqual(["a", "c", "b", "d"]);
    expect(orderItems(items, 2).map((i) => i.key)).toEqual(["a", "b", "c", "d"]);
  });

  it("calls an empty checklist complete rather than dividing by zero", () => {
    expect(checklistProgress([], [], [], 1, NOW).overall.percent).toBe(100);
  });
});
