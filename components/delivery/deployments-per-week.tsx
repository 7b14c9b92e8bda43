import { scaleBand, scaleLinear } from "d3-scale";
import { formatDayLabel, formatNumber } from "@/lib/core/format";

// The overview's weekly deployments, drawn on the server: the first page everyone opens ships no
// charting code (Recharts alone is about 115 KiB of gzipped JavaScript). d3-scale lays it out; the
// bars are placed in percentages of the width, so the chart fills its card at any width without
// measuring it, and the labels keep their size. Each bar has a native tooltip, the figure a text
// summary, and the numbers are in a table for screen readers.

type Week = { week: string; deployments: number };

const HEIGHT = 256;
const AXIS_WIDTH = 44;
const X_AXIS_HEIGHT = 20;
const PLOT = HEIGHT - X_AXIS_HEIGHT;
/** A label every fourth week (about monthly), so that they never crowd, whatever the width. */
const LABEL_EVERY = 4;

export function DeploymentsPerWeekChart({ data, partialLast }: { data: Week[]; partialLast: boolean }) {
  const total = data.reduce((s, d) => s + d.deployments, 0);
  const peak = data.reduce((m, d) => (d.deployments > m.deployments ? d : m), data[0] ?? { week: "", deployments: 0 });
  const summary =
    `${total} production deployments over ${data.length} weeks; busiest week ${peak.week} with ${peak.deployments}` +
    (partialLast ? "; the last week is still under way." : ".");
  const x = scaleBand<string>()
    .domain(data.map((d) => d.week))
    .range([0, 100])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const y = scaleLinear()
    .domain([0, Math.max(1, peak.deployments)])
    .range([PLOT, 8])
    .nice(4);
  const ticks = y.ticks(4).filter(Number.isInteger);
  const labelled = new Set(data.filter((_, i) => (data.length - 1 - i) % LABEL_EVERY === 0).map((d) => d.week));
  return (
    <figure className="w-full text-xs">
      <div className="relative grid grid-cols-1" style={{ gridTemplateColumns: `${AXIS_WIDTH}px 1fr`, height: HEIGHT }}>
        <div aria-hidden className="relative text-right text-[11px] text-muted-foreground">
          {ticks.map((t) => (
            <span key={t} className="absolute right-2 -translate-y-1/2 tabular-nums" style={{ top: y(t) }}>
              {formatNumber(t)}
            </span>
          ))}
        </div>
        <div className="relative">
          <svg width="100%" height={PLOT} role="img" aria-label={summary} className="block overflow-visible">
            {ticks.map((t) => (
              <line
                key={t}
                x1="0"
                x2="100%"
                y1={y(t)}
                y2={y(t)}
                strokeDasharray="3 3"
                style={{ stroke: "var(--border)" }}
              />
            ))}
            {data.map((d, i) => {
              const partial = partialLast && i === data.length - 1;
              const top = y(d.deployments);
              return (
                <rect
                  key={d.week}
                  data-bar
                  x={`${x(d.week) ?? 0}%`}
                  width={`${x.bandwidth()}%`}
                  y={top}
                  height={Math.max(0, PLOT - top)}
                  rx={2}
                  style={{ fill: "var(--chart-1)", opacity: partial ? 0.45 : 1 }}
                >
                  <title>{`Week of ${formatDayLabel(d.week)}${partial ? " (so far)" : ""}: ${formatNumber(d.deployments)} deployments`}</title>
                </rect>
              );
            })}
          </svg>
          <div aria-hidden className="relative text-[11px] text-muted-foreground" style={{ height: X_AXIS_HEIGHT }}>
            {data
              .filter((d) => labelled.has(d.week))
              .map((d) => (
                <span
                  key={d.week}
                  className="absolute top-1 -translate-x-1/2 whitespace-nowrap"
                  style={{ left: `${(x(d.week) ?? 0) + x.bandwidth() / 2}%` }}
                >
                  {formatDayLabel(d.week)}
                </span>
              ))}
          </div>
        </div>
      </div>
      <figcaption className="sr-only">
        {summary}
        <table>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col">Deployments</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.week}>
                <td>{d.week}</td>
                <td>{d.deployments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
