import { exportRoute } from "@/lib/core/api/export-route";
import { TIERS } from "@/lib/leadership/domain";
import { parseLeadershipPeriod } from "@/lib/core/period";
import { ZLeadershipExportQuery } from "@/lib/leadership/schemas";
import { loadLeadership } from "@/lib/leadership/server";

// The assumptions, then each ROI figure with its formula and inputs: the whole derivation in a sheet.
export const GET = exportRoute(
  { query: ZLeadershipExportQuery, action: "roi.edit", what: "export leadership figures" },
  async ({ actor, query }) => {
    const period = parseLeadershipPeriod(query);
    const { roi, assumptions } = await loadLeadership(actor, period);
    const a = assumptions.values;
    const figures = [
      ["Downtime cost avoided", roi.downtimeAvoided],
      ["Failure cost avoided", roi.failureAvoided],
      ["Cost of downtime, baseline (per year)", roi.costOfDowntime.baseline],
      ["Cost of downtime, this period (per year)", roi.costOfDowntime.current],
    ] as const;
    return {
      filename: `roi-${period.key}.csv`,
      columns: ["section", "name", "value", "detail"],
      rows: [
        ...TIERS.map((t) => ["assumption", `downtimeCostPerHour.tier${t}`, a.downtimeCostPerHour[t], a.currency]),
        ["assumption", "engineerCostPerHour", a.engineerCostPerHour, a.currency],
        ["assumption", "remediationHoursPerFailedChange", a.remediationHoursPerFailedChange, "hours"],
        ["assumption", "baseline", `${a.baseline.from}..${a.baseline.to}`, "inclusive"],
        ...figures.flatMap(([name, f]) => [
          ["figure", name, f.meaningful ? Math.round(f.value) : "", f.meaningful ? (f.note ?? "") : f.reason],
          ["formula", name, "", f.formula],
          ...f.inputs.map((i) => ["input", `${name}: ${i.label}`, "", i.value]),
        ]),
      ],
    };
  },
);
