import { DAY_MS, utcDay } from '../budgets/utc-day.js';
import type { Database } from '../db/connect.js';

type DailyTable = 'usage_daily' | 'activity_daily' | 'distribution_daily';

/**
 * The first day a daily rollup rebuilds: yesterday (a row written late, after midnight, lands
 * in its own day), or its latest day when it is further behind, or null when it has nothing yet
 * (then every day is built).
 */
export async function firstDayToRebuild(
  trx: Database,
  table: Exclude<DailyTable, 'distribution_daily'>,
  now: Date,
): Promise<string | null> {
  const [latest] = (await trx(table).max({ day: 'day' })) as Array<{ day: Date | string | null }>;
  if (!latest?.day) return null;
  const latestDay = utcDay(new Date(latest.day));
  const yesterday = utcDay(new Date(now.getTime() - DAY_MS));
  return latestDay < yesterday ? latestDay : yesterday;
}

/** The SQL condition "`column` on or after day `from`" (every row when `from` is null). */
export const onOrAfter = (column: string) =>
  `(?::date IS NULL OR ${column} >= (?::date)::timestamp AT TIME ZONE 'UTC')`;

/** Clears a daily table from day `from` on (all of it when `from` is null), before it is rebuilt. */
export async function deleteDaysFrom(
  trx: Database,
  table: DailyTable,
  from: string | null,
): Promise<void> {
  await trx.raw(`DELETE FROM ${table} WHERE (?::date IS NULL OR day >= ?::date)`, [from, from]);
}
