import { describe, expect, it } from "vitest";
import { AUDIT_KIND_PREFIXES, describeAudit, kindOf } from "@/lib/access/domain";

describe("the audit log in words", () => {
  it("files every action under one kind by its prefix, and unknown ones under none", () => {
    expect(kindOf("checklist.item.update")).toBe("checklist");
    expect(kindOf("exemption.approve")).toBe("scorecard");
    expect(kindOf("auth.sign_in_failed")).toBe("security");
    expect(kindOf("token.create")).toBe("security");
    expect(kindOf("roi.assumptions.update")).toBe("settings");
    expect(kindOf("something.else")).toBeNull();
    const prefixes = Object.values(AUDIT_KIND_PREFIXES).flat();
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it("says what happened in a sentence, with the entry's own values", () => {
    expect(describeAudit("checklist.item.update", { item: "runbook", from: "open", to: "done" })).toBe(
      "marked runbook done (was open)",
    );
    expect(describeAudit("checklist.item.update", { item: "dr-plan", from: "open", to: "not_applicable" })).toBe(
      "marked dr-plan not applicable (was open)",
    );
    expect(describeAudit("waiver.reject", { item: "restore-tested", note: "Run the drill first" })).toBe(
      "rejected the waiver on restore-tested: “Run the drill first”",
    );
    expect(describeAudit("review.changes_requested", { comment: null })).toBe("requested changes in the review");
    expect(describeAudit("token.create", { name: "ci", scopes: ["ingest", "read"] })).toBe(
      "created the API token “ci” (ingest, read)",
    );
    expect(describeAudit("auth.sign_in_failed", { reason: "wrong_second_factor" }, "Priya Platform")).toBe(
      "failed sign-in for Priya Platform (wrong second factor)",
    );
    expect(describeAudit("auth.sign_in", { method: "password+totp" })).toBe("signed in (password+totp)");
  });

  it("never fails on an action or data it does not know", () => {
    expect(describeAudit("scorecard.rule.frobnicate", null)).toBe("scorecard rule frobnicate");
    expect(describeAudit("waiver.request", "not an object")).toBe("asked for a waiver on an item");
    expect(
      describeAudit("waiver.request", { item: "pager", expiresAt: "2026-12-31T00:00:00.000Z", justification: "Q1" }),
    ).toBe("asked for a waiver on pager until 2026-12-31: “Q1”");
  });
});
