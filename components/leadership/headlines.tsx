import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/core/cn";
import type { LeadershipData } from "@/lib/leadership/server";
import { formatHeadline, headlineChange } from "@/lib/leadership/domain";

/** The period's headline figures against the previous period's, or why there is no comparison. */
export function Headlines({ data, mode }: { data: LeadershipData; mode: "page" | "report" }) {
  return (
    <div className={cn("grid gap-3", mode === "report" ? "grid-cols-4" : "grid-cols-1 sm:grid-cols-2 xl:grid-cols-4")}>
      {data.headline.map((h) => {
        // Less than half of the previous period has data: no percentage headline, and say why.
        const thin = data.comparison.previousCoverage < 0.5;
        const change = thin
          ? {
              text: data.comparison.dataSince
                ? `too little data to compare (data from ${data.comparison.dataSince})`
                : "no data to compare",
              good: null,
            }
          : headlineChange(h.current, h.previous, h.unit, h.better);
        const Icon =
          change.good === null ? Minus : (h.current ?? 0) > (h.previous ?? 0) ? ArrowUpRight : ArrowDownRight;
        return (
          <Card key={h.label} className="break-inside-avoid p-4" data-testid="headline">
            <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{h.label}</p>
            <p className="mt-2 text-2xl font-semibold tracking-tight tabular-nums">
              {formatHeadline(h.current, h.unit)}
            </p>
            <p
              className={cn(
                "mt-1 flex items-center gap-1 text-xs",
                change.good === true
                  ? "text-success-ink"
                  : change.good === false
                    ? "text-danger-ink"
                    : "text-muted-foreground",
              )}
            >
              <Icon className="size-3.5" aria-hidden />
              {change.text}{" "}
              {thin ? null : <span className="text-muted-foreground">· was {formatHeadline(h.previous, h.unit)}</span>}
            </p>
          </Card>
        );
      })}
    </div>
  );
}
