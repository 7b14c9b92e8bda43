import { scaleLinear } from "d3-scale";
import { curveMonotoneX, line } from "d3-shape";

// A tiny score line for tables (the organisation scorecards: one per team), drawn on the server with
// d3: at 200 teams, server-rendering a Recharts chart per row took about half a second, and the page
// needed Recharts in the browser for lines that do nothing when hovered.

const WIDTH = 128;
const HEIGHT = 32;
const PAD = 2;

export function Sparkline({ data, label }: { data: Array<{ day: string; score: number }>; label: string }) {
  const scores = data.map((d) => d.score);
  const low = Math.min(...scores);
  const high = Math.max(...scores);
  const x = scaleLinear()
    .domain([0, Math.max(1, data.length - 1)])
    .range([PAD, WIDTH - PAD]);
  // As the charts elsewhere: five points of headroom either way.
  const y = scaleLinear()
    .domain([low - 5, high + 5])
    .range([HEIGHT - PAD, PAD]);
  const path = line<number>()
    .x((_, i) => x(i))
    .y((s) => y(s))
    .curve(curveMonotoneX)(scores);
  const summary = `${label}: score ${scores.length ? `from ${low} to ${high}` : "no data"}.`;
  return (
    <figure className="h-8 w-32">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} aria-hidden className="block">
        <path data-line d={path ?? ""} fill="none" strokeWidth={1.5} style={{ stroke: "var(--chart-1)" }} />
      </svg>
      <figcaption className="sr-only">{summary}</figcaption>
    </figure>
  );
}
