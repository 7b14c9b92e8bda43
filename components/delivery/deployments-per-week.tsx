"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, axisProps, gridProps, tooltipStyle, type ChartConfig } from "@/components/ui/chart";
import { formatDayLabel } from "@/lib/core/format";

const config: ChartConfig = { deployments: { label: "Deployments", color: "var(--chart-1)" } };

const shortDate = formatDayLabel;

export function DeploymentsPerWeekChart({ data }: { data: Array<{ week: string; deployments: number }> }) {
  const total = data.reduce((s, d) => s + d.deployments, 0);
  const peak = data.reduce((m, d) => (d.deployments > m.deployments ? d : m), data[0] ?? { week: "", deployments: 0 });
  const summary = `${total} production deployments over ${data.length} weeks; busiest week ${peak.week} with ${peak.deployments}.`;
  return (
    <ChartContainer config={config} summary={summary}>
      <BarChart data={data} margin={{ top: 8, right: 8, left: -12, bottom: 0 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="week" tickFormatter={shortDate} {...axisProps} minTickGap={24} />
        <YAxis allowDecimals={false} {...axisProps} width={44} />
        <Tooltip
          {...tooltipStyle}
          labelFormatter={(l) => `Week of ${shortDate(String(l))}`}
          cursor={{ fill: "var(--muted)" }}
        />
        <Bar
          isAnimationActive={false}
          dataKey="deployments"
          name={config.deployments.label}
          fill="var(--color-deployments)"
          radius={[3, 3, 0, 0]}
        />
      </BarChart>
    </ChartContainer>
  );
}
