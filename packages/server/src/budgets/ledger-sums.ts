import type { Database } from '../db/connect.js';
import type { UtcDay } from './utc-day.js';

/** What a budget counts, summed over the ledger (api_usage_log counts every call, however it ended). */
export type LedgerSum = (id: string, day: UtcDay) => Promise<number>;

export const MICRO_USD = 1_000_000;

async function sumOver(
  db: Database,
  column: 'user_id' | 'site_id',
  expression: string,
  id: string,
  day: UtcDay,
): Promise<number> {
  const row = (await db('api_usage_log')
    .where(column, id)
    .where('created_at', '>=', day.start)
    .where('created_at', '<', day.end)
    .first(db.raw(`coalesce(sum(${expression}), 0) as total`))) as { total: string | number };
  return Math.round(Number(row.total));
}

/** Input + output tokens of a user's calls that day. */
export function userTokensSum(db: Database): LedgerSum {
  return (userId, day) => sumOver(db, 'user_id', 'input_tokens + output_tokens', userId, day);
}

/** What a site's calls cost that day, in millionths of a US dollar (the ledger's precision). */
export function siteMicroUsdSum(db: Database): LedgerSum {
  return (siteId, day) => sumOver(db, 'site_id', `estimated_cost_usd * ${MICRO_USD}`, siteId, day);
}
