import { LEVEL_COLOR, LEVEL_LABEL } from "./level-badge";
import type { Level } from "@/lib/scorecards/domain";

const ORDER: Level[] = ["gold", "silver", "bronze", "none"];

/** Services per level as one stacked bar with a legend (accessible as a list). */
export function LevelCounts({ counts }: { counts: Record<Level, number> }) {
  const total = ORDER.reduce((s, l) => s + counts[l], 0);
  return (
    <div>
      <div className="flex h-3 w-full overflow-hidden rounded-full bg-muted" aria-hidden>
        {ORDER.map((l) =>
          counts[l] ? (
            <div key={l} style={{ width: `${(counts[l] / total) * 100}%`, background: LEVEL_COLOR[l] }} />
          ) : null,
        )}
      </div>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Services per level">
        {ORDER.map((l) => (
          <li key={l} className="flex items-center gap-1.5" data-level={l}>
            <span className="size-2.5 rounded-full" style={{ background: LEVEL_COLOR[l] }} aria-hidden />
            <span className="text-muted-foreground">{LEVEL_LABEL[l]}</span>
            <span className="font-semibold tabular-nums">{counts[l]}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
