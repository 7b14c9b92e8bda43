"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, axisProps, gridProps, tooltipStyle, type ChartConfig } from "@/components/ui/chart";
import type { BurnUpPoint } from "@/lib/scorecards/domain";
import { formatDayLabel } from "@/lib/core/format";

const dayLabel = formatDayLabel;

/** Services meeting the target per day, against the scope and the ideal line to the target date. */
export function BurnUpChart({ data }: { data: BurnUpPoint[] }) {
  const config: ChartConfig = {
    done: { label: "Meeting the target", color: "var(--chart-2)" },
    scope: { label: "In scope", color: "var(--muted-foreground)" },
    ideal: { label: "On track", color: "var(--chart-1)" },
  };
  const last = data.at(-1);
  return (
    <ChartContainer
      config={config}
      summary={last ? `${last.done ?? 0} of ${last.scope} services meet the target on ${last.day}.` : "No data yet."}
      className="h-72"
    >
      <ComposedChart data={data} margin={{ top: 4, right: 8, left: -16, bottom: 0 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="day" tickFormatter={dayLabel} {...axisProps} minTickGap={28} />
        <YAxis allowDecimals={false} {...axisProps} width={40} />
        <Tooltip {...tooltipStyle} labelFormatter={(l) => dayLabel(String(l))} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        <Area
          isAnimationActive={false}
          type="stepAfter"
          dataKey="done"
          name="Meeting the target"
          stroke="var(--color-done)"
          fill="var(--color-done)"
          fillOpacity={0.25}
          strokeWidth={2}
          connectNulls
        />
        <Line
          isAnimationActive={false}
          type="linear"
          dataKey="scope"
          name="In scope"
          stroke="var(--color-scope)"
          strokeDasharray="4 4"
          dot={false}
        />
        <Line
          isAnimationActive={false}
          type="linear"
          dataKey="ideal"
          name="On track"
          stroke="var(--color-ideal)"
          strokeDasharray="2 3"
          dot={false}
        />
      </ComposedChart>
    </ChartContainer>
  );
}
