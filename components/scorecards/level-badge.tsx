import { Medal } from "lucide-react";
import { cn } from "@/lib/core/cn";
import type { Level } from "@/lib/scorecards/domain";

const STYLE: Record<Level, string> = {
  gold: "bg-gold/15 text-gold-ink ring-gold/40",
  silver: "bg-silver/15 text-silver-ink ring-silver/40",
  bronze: "bg-bronze/15 text-bronze-ink ring-bronze/40",
  none: "bg-muted text-muted-foreground ring-border",
};

export const LEVEL_LABEL: Record<Level, string> = {
  gold: "Gold",
  silver: "Silver",
  bronze: "Bronze",
  none: "No level",
};

/** A service's or a rule's level, with its medal colour. */
export function LevelBadge({
  level,
  size = "sm",
  className,
}: {
  level: Level;
  size?: "sm" | "lg";
  className?: string;
}) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-full font-semibold whitespace-nowrap ring-1 ring-inset",
        size === "lg" ? "px-3 py-1 text-sm" : "px-2 py-0.5 text-xs",
        STYLE[level],
        className,
      )}
      data-level={level}
    >
      {level === "none" ? null : <Medal className={size === "lg" ? "size-4" : "size-3"} aria-hidden />}
      {LEVEL_LABEL[level]}
    </span>
  );
}

export const LEVEL_COLOR: Record<Level, string> = {
  gold: "var(--gold)",
  silver: "var(--silver)",
  bronze: "var(--bronze)",
  none: "var(--border)",
};
