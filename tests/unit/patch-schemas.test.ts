import { describe, expect, it } from "vitest";
import { ZServicePatch } from "@/lib/catalog/schemas";
import { ZSloPatch } from "@/lib/slo/schemas";

describe("PATCH bodies change only what they name", () => {
  it("leave a service's type alone unless it is sent", () => {
    expect(ZServicePatch.parse({ name: "Payments" })).toEqual({ name: "Payments" });
    expect(ZServicePatch.parse({ type: "ml-model" })).toEqual({ type: "ml-model" });
  });

  it("leave an SLO's window alone unless it is sent", () => {
    expect(ZSloPatch.parse({ objective: 99.5 })).toEqual({ objective: 99.5 });
    expect(ZSloPatch.parse({ windowDays: 7 })).toEqual({ windowDays: 7 });
  });
});
