import type { Database } from '../db/connect.js';
import { readSetting, writeSetting } from '../db/server-settings.js';

/** When the last run started: the next rebuilds what changed since then (less OVERLAP_MS). */
export const EXPERIMENT_STATS_SETTING = 'experiment_stats_run_at';
/**
 * How far back each run looks again: a reply's `updated_at` is set before its transaction
 * commits, and instances' clocks differ a little. Sessions seen twice are rebuilt twice, alike.
 */
const OVERLAP_MS = 120_000;

/**
 * Rebuilds `experiment_session_stats` for the sessions whose experiment replies changed (finished,
 * stopped, restarted) since the last run, or for all of them on the first. Part of the rollup job's
 * transaction (analytics/usage-rollups.ts), under its lock. Ratings are not rolled up: the results
 * count them live, so a vote shows at once.
 */
export async function refreshExperimentStats(trx: Database, now: Date): Promise<void> {
  const lastRun = await experimentStatsAsOf(trx);
  const since = lastRun ? new Date(lastRun.getTime() - OVERLAP_MS) : null;
  await trx.raw(
    `WITH touched AS (
       SELECT DISTINCT session_id FROM ai_chat_messages
        WHERE experiment_id IS NOT NULL AND (?::timestamptz IS NULL OR updated_at >= ?::timestamptz)
     )
     INSERT INTO experiment_session_stats AS s
       (experiment_id, variant_id, session_id, replies, errors, regenerated, input_tokens,
        output_tokens, cost_usd, first_token_ms)
     SELECT m.experiment_id, m.variant_id, m.session_id, count(*),
            count(*) FILTER (WHERE m.status = 'error'),
            count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM ai_chat_messages e
               WHERE e.reply_to_message_id = m.reply_to_message_id
                 AND e.role = 'assistant' AND e.seq < m.seq)),
            coalesce(sum(u.input_tokens), 0), coalesce(sum(u.output_tokens), 0),
            coalesce(sum(u.cost_usd), 0),
            coalesce(array_agg(m.first_token_ms) FILTER (WHERE m.first_token_ms IS NOT NULL), '{}')
       FROM touched t
       JOIN ai_chat_messages m ON m.session_id = t.session_id
       LEFT JOIN LATERAL (
         SELECT sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
                sum(estimated_cost_usd) AS cost_usd
           FROM api_usage_log WHERE message_id = m.id) u ON true
      WHERE m.experiment_id IS NOT NULL AND m.role = 'assistant' AND m.status <> 'streaming'
        AND m.variant_id IS NOT NULL
      GROUP BY m.experiment_id, m.variant_id, m.session_id
     ON CONFLICT (experiment_id, variant_id, session_id) DO UPDATE
        SET replies = excluded.replies, errors = excluded.errors,
            regenerated = excluded.regenerated, input_tokens = excluded.input_tokens,
            output_tokens = excluded.output_tokens, cost_usd = excluded.cost_usd,
            first_token_ms = excluded.first_token_ms`,
    [since, since],
  );
  await writeSetting(trx, EXPERIMENT_STATS_SETTING, now.toISOString());
}

/** When the figures were last brought up to date; null before the first run. */
export async function experimentStatsAsOf(db: Database): Promise<Date | null> {
  const saved = await readSetting(db, EXPERIMENT_STATS_SETTING);
  return saved ? new Date(saved) : null;
}
