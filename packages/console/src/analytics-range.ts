/** The analytics page's ranges: whole UTC days, both ends included, as the API takes them. */

export interface DayRange {
  from: string;
  to: string;
}

/** The quick choices, in days ending today. */
export const RANGE_PRESETS = [7, 30, 90] as const;
export const DEFAULT_RANGE_DAYS = 30;

const DAY_MS = 86_400_000;

export const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/** The `days` days that end `today` (UTC), today included. */
export function lastDays(days: number, today = new Date()): DayRange {
  return { from: utcDay(new Date(today.getTime() - (days - 1) * DAY_MS)), to: utcDay(today) };
}

/** Which preset `range` is (its length in days), or null when it is not one ending `today`. */
export function presetOf(range: DayRange, today = new Date()): number | null {
  const preset = RANGE_PRESETS.find((days) => {
    const candidate = lastDays(days, today);
    return candidate.from === range.from && candidate.to === range.to;
  });
  return preset ?? null;
}
