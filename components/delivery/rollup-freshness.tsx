import { formatNumber } from "@/lib/core/format";

/**
 * How far the daily rollups are behind the latest deliveries. The figures are never behind: the days
 * a delivery changed are counted from the events until the refresher folds them in (within seconds),
 * so this only says how fresh the stored rollups are, and shows when the refresher is not running.
 */
export function RollupFreshness({
  pairs,
  oldestMarkedAt,
  now = new Date(),
}: {
  pairs: number;
  oldestMarkedAt: Date | null;
  now?: Date;
}) {
  if (pairs === 0 || !oldestMarkedAt) return <span>Every delivery so far is in the daily rollups.</span>;
  const seconds = Math.max(0, Math.round((now.getTime() - oldestMarkedAt.getTime()) / 1000));
  const age = seconds < 120 ? `${seconds} s` : `${formatNumber(Math.round(seconds / 60))} min`;
  return (
    <span>
      {formatNumber(pairs)} service-day{pairs === 1 ? "" : "s"} changed by recent deliveries{" "}
      {pairs === 1 ? "is" : "are"} still being folded into the daily rollups (the oldest for {age}); they are counted
      from the events meanwhile.
    </span>
  );
}
