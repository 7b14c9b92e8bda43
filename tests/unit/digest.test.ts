import { describe, expect, it } from "vitest";
import { buildTeamDigest, weekOf, type DigestInput } from "@/lib/notifications/domain/digest";

const input = (over: Partial<DigestInput> = {}): DigestInput => ({
  team: { slug: "payments", name: "Payments" },
  week: "2026-12-07",
  score: 72.5,
  scoreWeekAgo: 70,
  levels: { none: 1, bronze: 2, silver: 1, gold: 0 },
  failing: [{ rule: "runbook", name: "Runbook linked", level: "bronze", services: 1 }],
  services: [
    {
      slug: "ledger",
      name: "Ledger",
      level: "silver",
      levelWeekAgo: "gold",
      next: { level: "gold", failing: ["No SLO burning"] },
    },
    {
      slug: "refunds",
      name: "Refunds",
      level: "none",
      levelWeekAgo: "none",
      next: { level: "bronze", failing: ["Runbook linked"] },
    },
  ],
  expiring: [
    {
      kind: "exemption",
      service: "Ledger",
      what: "production-readiness/runbook",
      expiresAt: new Date("2026-12-10T00:00:00Z"),
    },
  ],
  ...over,
});

describe("weekly digest", () => {
  it("says the score and its change, level changes, failing rules, next levels and what expires", () => {
    const { text, data } = buildTeamDigest(input());
    expect(text.split("\n")).toEqual([
      "*Payments* — week of 2026-12-07: score 72.5 (+2.5) · 0 gold, 1 silver, 2 bronze, 1 below",
      "*Since last week*",
      "• Ledger: gold → silver ▼",
      "*Failing rules*",
      "• Runbook linked (bronze): 1 service",
      "*Next level*",
      "• Refunds → bronze: Runbook linked",
      "• Ledger → gold: No SLO burning",
      "*Expiring within 7 days*",
      "• Ledger: exemption for production-readiness/runbook, 2026-12-10",
    ]);
    expect(data).toMatchObject({
      scoreChange: 2.5,
      changes: [{ service: "ledger", from: "gold", to: "silver" }],
      nextLevel: [
        { service: "refunds", level: "bronze" },
        { service: "ledger", level: "gold" },
      ],
    });
  });

  it("has a quiet week, and no change figure without last week's snapshot", () => {
    const { text, data } = buildTeamDigest(
      input({
        scoreWeekAgo: null,
        failing: [],
        services: [],
        expiring: [],
        levels: { none: 0, bronze: 0, silver: 0, gold: 3 },
      }),
    );
    expect(text).toBe(
      "*Payments* — week of 2026-12-07: score 72.5 · 3 gold, 0 silver, 0 bronze, 0 below\nEvery rule passes and nothing expires this week.",
    );
    expect(data.scoreChange).toBeNull();
  });

  it("escapes names for Slack and cuts long lists", () => {
    const services = Array.from({ length: 8 }, (_, i) => ({
      slug: `s${i}`,
      name: `<svc ${i}>`,
      level: "none" as const,
      levelWeekAgo: null,
      next: { level: "bronze", failing: ["Owner"] },
    }));
    const { text } = buildTeamDigest(input({ services, failing: [], expiring: [] }));
    expect(text).toContain("• &lt;svc 0&gt; → bronze: Owner");
    expect(text).toContain("…and 3 more");
  });

  it("keys a week by its Monday (UTC)", () => {
    expect(weekOf(new Date("2026-12-07T08:00:00Z"))).toBe("2026-12-07"); // a Monday
    expect(weekOf(new Date("2026-12-13T23:59:00Z"))).toBe("2026-12-07"); // the Sunday after
    expect(weekOf(new Date("2027-01-01T12:00:00Z"))).toBe("2026-12-28"); // across the year
  });
});
