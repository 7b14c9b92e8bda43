// UTC calendar helpers shared by the metrics (weeks start on Monday, as DevLake counts them).

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** Monday 00:00 UTC of the week holding `date`. */
export function utcMonday(date: Date): Date {
  const day = utcDay(date);
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

export function utcMonthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

/** Monday 00:00 UTC of the last `count` weeks, oldest first, ending with the week holding `now`. */
export function weekStarts(count: number, now: Date): Date[] {
  const monday = utcMonday(now);
  return Array.from({ length: count }, (_, i) => new Date(monday.getTime() - (count - 1 - i) * 7 * DAY_MS));
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
