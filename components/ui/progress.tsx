import { cn } from "@/lib/core/cn";

const tones = { primary: "bg-primary", success: "bg-success", warning: "bg-warning", danger: "bg-danger" } as const;

/** An accessible progress bar (role=progressbar) for 0–100. */
export function Progress({
  value,
  label,
  tone = "primary",
  className,
}: {
  value: number;
  label: string;
  tone?: keyof typeof tones;
  className?: string;
}) {
  const pct = Math.max(0, Math.min(100, value));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(pct)}
      className={cn("h-2 w-full overflow-hidden rounded-full bg-muted", className)}
    >
      <div
        className={cn("h-full rounded-full transition-[width] duration-500", tones[tone])}
        style={{ width: `${pct}%` }}
      />
    </div>
  );
}

export function progressTone(pct: number): keyof typeof tones {
  return pct >= 90 ? "success" : pct >= 60 ? "primary" : pct >= 30 ? "warning" : "danger";
}
