import { describe, expect, it } from "vitest";
import { isoDate, utcMonday, utcMonthStart, weekStarts } from "@/lib/core/calendar";

describe("UTC calendar", () => {
  it("finds the Monday of a week, Sunday included in the week before it", () => {
    expect(isoDate(utcMonday(new Date("2026-11-29T23:59:00Z")))).toBe("2026-11-23"); // Sunday
    expect(isoDate(utcMonday(new Date("2026-11-30T00:00:00Z")))).toBe("2026-11-30"); // Monday
    expect(isoDate(utcMonday(new Date("2026-01-01T12:00:00Z")))).toBe("2025-12-29"); // across a year
  });

  it("ignores the local time zone (a late-evening UTC instant stays on its UTC day)", () => {
    expect(isoDate(utcMonday(new Date("2026-11-23T00:30:00+02:00")))).toBe("2026-11-16");
  });

  it("lists the last n week starts, oldest first, ending this week", () => {
    const weeks = weekStarts(3, new Date("2026-11-27T10:00:00Z"));
    expect(weeks.map(isoDate)).toEqual(["2026-11-09", "2026-11-16", "2026-11-23"]);
  });

  it("finds the first of the month", () => {
    expect(isoDate(utcMonthStart(new Date("2026-02-28T23:00:00Z")))).toBe("2026-02-01");
  });
});
