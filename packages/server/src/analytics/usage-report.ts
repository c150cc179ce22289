import type { Database } from '../db/connect.js';
import { DAY_MS, utcDay } from '../budgets/utc-day.js';
import { csvText } from './csv.js';

export type UsageGrouping = 'none' | 'model' | 'site';

export interface UsageRow {
  day: string;
  /** The model, the site id (null: host tokens), or null when not grouped. */
  key: string | null;
  calls: number;
  errors: number;
  stopped: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

export interface UsageTotals {
  calls: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

const GROUP_COLUMN: Record<UsageGrouping, string> = {
  none: 'NULL',
  model: 'model',
  site: 'site_id::text',
};

const toNumber = (value: unknown) => Number(value ?? 0);

/** Figures for the console, read from the daily rollups (never the ledger). */
export class UsageReport {
  constructor(private readonly db: Database) {}

  /** Every day from `from` to `to` (inclusive, UTC) that had calls, one row per group; one site's, or all. */
  async daily(
    from: string,
    to: string,
    grouping: UsageGrouping,
    siteId: string | null = null,
  ): Promise<UsageRow[]> {
    const group = GROUP_COLUMN[grouping];
    const site = siteId ? 'AND site_id = ?' : '';
    const { rows } = (await this.db.raw(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, ${group} AS key,
              sum(calls) AS calls, sum(errors) AS errors, sum(stopped) AS stopped,
              sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
              sum(cost_usd) AS cost_usd
         FROM usage_daily
        WHERE day BETWEEN ?::date AND ?::date ${site}
        GROUP BY 1, 2
        ORDER BY 1, 2 NULLS FIRST`,
      siteId ? [from, to, siteId] : [from, to],
    )) as { rows: Array<Record<string, unknown>> };
    return rows.map((row) => ({
      day: String(row.day),
      key: row.key === null ? null : String(row.key),
      calls: toNumber(row.calls),
      errors: toNumber(row.errors),
      stopped: toNumber(row.stopped),
      input_tokens: toNumber(row.input_tokens),
      output_tokens: toNumber(row.output_tokens),
      cost_usd: toNumber(row.cost_usd),
    }));
  }

  /** Today against yesterday, and what this month has cost so far. */
  async overview(now = new Date()) {
    const today = utcDay(now);
    const yesterday = utcDay(new Date(now.getTime() - DAY_MS));
    const monthStart = `${today.slice(0, 7)}-01`;
    const days = await this.daily(monthStart < yesterday ? monthStart : yesterday, today, 'none');
    const totalsOf = (day: string): UsageTotals => {
      const row = days.find((d) => d.day === day);
      return {
        calls: row?.calls ?? 0,
        errors: row?.errors ?? 0,
        input_tokens: row?.input_tokens ?? 0,
        output_tokens: row?.output_tokens ?? 0,
        cost_usd: row?.cost_usd ?? 0,
      };
    };
    const monthCost = days
      .filter((d) => d.day >= monthStart)
      .reduce((sum, d) => sum + d.cost_usd, 0);
    return {
      today: totalsOf(today),
      yesterday: totalsOf(yesterday),
      month_to_date_cost_usd: Math.round(monthCost * 1e6) / 1e6,
    };
  }
}

const CSV_COLUMNS = [
  'day',
  'key',
  'calls',
  'errors',
  'stopped',
  'input_tokens',
  'output_tokens',
  'cost_usd',
] as const;

export function usageCsv(rows: UsageRow[], keyName: string): string {
  const header = CSV_COLUMNS.map((column) => (column === 'key' ? keyName : column));
  return csvText(
    header,
    rows.map((row) => CSV_COLUMNS.map((column) => row[column])),
  );
}
