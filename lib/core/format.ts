// Display formatting. Dates show in UTC, the unit every metric is computed in.

export function formatDateTime(date: Date): string {
  return (
    date.toLocaleString("en-GB", {
      timeZone: "UTC",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
    }) + " UTC"
  );
}

export function formatDate(date: Date): string {
  return date.toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
}

/** 95 min → "1h 35m"; 3 days → "3d 0h". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** Minutes as a compact duration: 45 → "45m", 1500 → "1d 1h". Null → "—". */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return "—";
  return formatDuration(minutes * 60_000);
}

export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined) return "—";
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** "1 service", "3 services": a count with its noun. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** 12345.6 → "12,345.6": a count or measure with thousands separators. */
export function formatNumber(value: number, maxFractionDigits = 0): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: maxFractionDigits });
}

/** Chart ticks: "2026-03-05" (or a full ISO time) → "Mar 5", in UTC. */
export function formatDayLabel(iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return date.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}

/** Chart ticks: an ISO time → "Mar 5, 14", the UTC hour. */
export function formatHourLabel(iso: string): string {
  return new Date(iso).toLocaleString("en-US", {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    timeZone: "UTC",
    hour12: false,
  });
}

/** "2026-03" → "Mar 2026"; long: "March 2026". */
export function formatMonthLabel(month: string, style: "short" | "long" = "short"): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return style === "short"
    ? date.toLocaleDateString("en-US", { month: "short", year: "numeric", timeZone: "UTC" })
    : date.toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
}

/** A burn rate or other multiple: 0.5 → "0.50×", 14.4 → "14.4×", 250 → "250×"; null → "—". */
export function formatMultiple(value: number | null): string {
  if (value === null) return "—";
  if (value >= 100) return `${Math.round(value)}×`;
  return `${value.toFixed(value < 10 ? 2 : 1)}×`;
}
