"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, axisProps, gridProps, tooltipStyle, type ChartConfig } from "@/components/ui/chart";
import { formatDayLabel, formatHourLabel } from "@/lib/core/format";

const day = formatDayLabel;
const hour = formatHourLabel;

/** One tick per UTC day (the first point of each), thinned to at most `max`: no label repeats. */
function dayTicks(points: Array<{ at: string }>, max = 8): string[] {
  const firsts = points
    .filter((p, i) => i === 0 || p.at.slice(0, 10) !== points[i - 1].at.slice(0, 10))
    .map((p) => p.at);
  const every = Math.ceil(firsts.length / max);
  return firsts.filter((_, i) => i % every === 0);
}

export function BurnDownChart({ points }: { points: Array<{ at: string; remaining: number | null; ideal: number }> }) {
  const data = points.map((p) => ({
    at: p.at,
    remaining: p.remaining === null ? null : Math.round(p.remaining * 1000) / 10,
    ideal: Math.round(p.ideal * 1000) / 10,
  }));
  const last = data.filter((d) => d.remaining !== null).at(-1);
  const config: ChartConfig = {
    remaining: { label: "Remaining budget", color: "var(--chart-1)" },
    ideal: { label: "Ideal", color: "var(--muted-foreground)" },
  };
  return (
    <ChartContainer
      config={config}
      summary={
        last ? `Remaining error budget ${last.remaining}% against an ideal of ${last.ideal}% today.` : "No data yet."
      }
      className="h-52"
    >
      <LineChart data={data} margin={{ top: 6, right: 6, left: -12, bottom: 0 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="at" ticks={dayTicks(data)} tickFormatter={day} {...axisProps} minTickGap={24} />
        <YAxis unit="%" {...axisProps} width={48} />
        <ReferenceLine y={0} stroke="var(--danger)" strokeDasharray="4 4" />
        <Tooltip {...tooltipStyle} labelFormatter={(l) => day(String(l))} formatter={(v, n) => [`${v}%`, n]} />
        <Line
          isAnimationActive={false}
          dataKey="ideal"
          name="Ideal"
          stroke="var(--color-ideal)"
          strokeDasharray="5 4"
          dot={false}
          strokeWidth={1.5}
        />
        <Line
          isAnimationActive={false}
          dataKey="remaining"
          name="Remaining budget"
          stroke="var(--color-remaining)"
          strokeWidth={2.5}
          dot={false}
          connectNulls={false}
        />
      </LineChart>
    </ChartContainer>
  );
}

export function BurnRateChart({
  points,
  pageFactor,
  ticketFactor,
}: {
  points: Array<{ at: string; burnRate: number | null }>;
  pageFactor: number;
  ticketFactor: number;
}) {
  const data = points.map((p) => ({ at: p.at, burn: p.burnRate === null ? null : Math.round(p.burnRate * 100) / 100 }));
  const peak = Math.max(0, ...data.map((d) => d.burn ?? 0));
  const config: ChartConfig = { burn: { label: "1h burn rate", color: "var(--chart-4)" } };
  return (
    <ChartContainer
      config={config}
      summary={`Hourly burn rate over the last ${Math.round(points.length / 24)} days; peak ${peak}× the sustainable rate.`}
      className="h-52"
    >
      <LineChart data={data} margin={{ top: 6, right: 6, left: -12, bottom: 0 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="at" ticks={dayTicks(data)} tickFormatter={day} {...axisProps} minTickGap={32} />
        <YAxis
          {...axisProps}
          width={48}
          domain={[0, Math.max(2, Math.ceil(Math.min(peak, pageFactor * 2)))]}
          allowDataOverflow
        />
        <ReferenceLine
          y={1}
          stroke="var(--success)"
          strokeDasharray="4 4"
          label={{ value: "1× sustainable", fontSize: 10, fill: "var(--muted-foreground)", position: "insideTopLeft" }}
        />
        <ReferenceLine y={ticketFactor} stroke="var(--warning)" strokeDasharray="4 4" />
        <ReferenceLine
          y={pageFactor}
          stroke="var(--danger)"
          strokeDasharray="4 4"
          label={{ value: `page ${pageFactor}×`, fontSize: 10, fill: "var(--danger)", position: "insideTopRight" }}
        />
        <Tooltip {...tooltipStyle} labelFormatter={(l) => hour(String(l))} formatter={(v) => [`${v}×`, "burn rate"]} />
        <Line
          isAnimationActive={false}
          dataKey="burn"
          name="Burn rate"
          stroke="var(--color-burn)"
          strokeWidth={1.5}
          dot={false}
          connectNulls={false}
        />
      </LineChart>
    </ChartContainer>
  );
}
