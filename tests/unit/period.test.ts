import { describe, expect, it } from "vitest";
import { parsePagePeriod } from "@/lib/core/period";

const NOW = new Date("2026-11-27T15:00:00Z");

describe("page periods", () => {
  it("defaults to the last 90 whole UTC days including today, benchmark 2023", () => {
    const p = parsePagePeriod({}, NOW);
    expect(p).toMatchObject({ key: "90d", benchmark: "2023", label: "Last 90 days" });
    expect(p.window.to.toISOString()).toBe("2026-11-28T00:00:00.000Z");
    expect(p.window.from.toISOString()).toBe("2026-08-30T00:00:00.000Z");
  });

  it("reads presets, custom ranges (to inclusive) and the benchmark", () => {
    expect(parsePagePeriod({ period: "30d", benchmark: "2021" }, NOW)).toMatchObject({ key: "30d", benchmark: "2021" });
    const custom = parsePagePeriod({ from: "2026-01-01", to: "2026-03-31" }, NOW);
    expect(custom.key).toBe("custom");
    expect(custom.window.from.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(custom.window.to.toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });

  it("falls back to the default for nonsense: unknown preset, reversed or malformed dates", () => {
    expect(parsePagePeriod({ period: "7y" }, NOW).key).toBe("90d");
    expect(parsePagePeriod({ from: "2026-03-01", to: "2026-01-01" }, NOW).key).toBe("90d");
    expect(parsePagePeriod({ from: "yesterday", to: "today" }, NOW).key).toBe("90d");
    expect(parsePagePeriod({ benchmark: "1999" }, NOW).benchmark).toBe("2023");
  });
});
