export const DAY_MS = 24 * 60 * 60 * 1000;

/** One UTC day: budgets count from its midnight to the next. */
export interface UtcDay {
  /** `2026-12-01`. */
  name: string;
  start: Date;
  end: Date;
}

export function utcDayOf(at: number): UtcDay {
  const startMs = Math.floor(at / DAY_MS) * DAY_MS;
  const start = new Date(startMs);
  return { name: start.toISOString().slice(0, 10), start, end: new Date(startMs + DAY_MS) };
}

/** The UTC day of `date`, as YYYY-MM-DD. */
export function utcDay(date: Date): string {
  return utcDayOf(date.getTime()).name;
}

/** When a budget spent at `at` is new again. */
export function nextUtcMidnight(at: number): Date {
  return utcDayOf(at).end;
}
