import { PeriodPills } from "@/components/ui/period-pills";
import { TREND_PERIODS, type TrendPeriodKey } from "@/lib/core/period";

/** 30d / 90d / 180d / 365d, kept in the URL (?period=) so a view can be shared. */
export function TrendPeriodNav({ path, active }: { path: string; active: TrendPeriodKey }) {
  const items = TREND_PERIODS.map((p) => ({ key: p, label: p, href: `${path}?period=${p}` }));
  return <PeriodPills label="Trend period" items={items} active={active} className="no-print" />;
}
