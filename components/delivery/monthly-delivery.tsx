"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, axisProps, gridProps, tooltipStyle, type ChartConfig } from "@/components/ui/chart";
import { formatMonthLabel } from "@/lib/core/format";

const config: ChartConfig = {
  deployments: { label: "Deployments", color: "var(--chart-1)" },
  incidents: { label: "Incidents", color: "var(--chart-4)" },
};

const monthLabel = (m: string) => formatMonthLabel(m);

export function MonthlyDeliveryChart({
  data,
}: {
  data: Array<{ month: string; deployments: number; incidents: number }>;
}) {
  const summary = data
    .map((d) => `${monthLabel(d.month)}: ${d.deployments} deployments, ${d.incidents} incidents`)
    .join("; ");
  return (
    <ChartContainer config={config} summary={summary} className="h-72">
      <ComposedChart data={data} margin={{ top: 8, right: 8, left: -12, bottom: 0 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="month" tickFormatter={monthLabel} {...axisProps} />
        <YAxis yAxisId="left" allowDecimals={false} {...axisProps} width={44} />
        <YAxis yAxisId="right" orientation="right" allowDecimals={false} {...axisProps} width={36} />
        <Tooltip {...tooltipStyle} labelFormatter={(l) => monthLabel(String(l))} cursor={{ fill: "var(--muted)" }} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar
          isAnimationActive={false}
          yAxisId="left"
          dataKey="deployments"
          name={config.deployments.label}
          fill="var(--color-deployments)"
          radius={[3, 3, 0, 0]}
        />
        <Line
          isAnimationActive={false}
          yAxisId="right"
          dataKey="incidents"
          name={config.incidents.label}
          stroke="var(--color-incidents)"
          strokeWidth={2}
          dot={{ r: 3 }}
        />
      </ComposedChart>
    </ChartContainer>
  );
}
