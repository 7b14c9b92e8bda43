import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/core/api/csv";

describe("CSV exports", () => {
  it("neutralise cells a spreadsheet would run as formulas, and keep numbers", () => {
    const csv = toCsv(
      ["name", "n"],
      [
        ['=HYPERLINK("https://evil.example","x")', -3],
        ["+1+1", 2],
        ["@SUM(A1)", 0],
        ["-2+3", null],
        ["plain, with comma", 1.5],
      ],
    );
    expect(csv.split("\n")).toEqual([
      "name,n",
      `"'=HYPERLINK(""https://evil.example"",""x"")",-3`,
      "'+1+1,2",
      "'@SUM(A1),0",
      "'-2+3,",
      '"plain, with comma",1.5',
      "",
    ]);
  });
});
