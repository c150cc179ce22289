import type { Database } from '../db/connect.js';
import { NO_SITE_SQL } from '../db/no-site.js';
import { bucketSql } from './log-buckets.js';
import { deleteDaysFrom, onOrAfter } from './rebuild-window.js';

/** The messages of the days rebuilt, each with its UTC day and its session's site. */
const MESSAGES_FROM = `
  SELECT (m.created_at AT TIME ZONE 'UTC')::date AS day, s.site_id, m.session_id, m.user_id,
         m.role, m.status, m.first_token_ms, m.latency_ms, m.created_at, m.updated_at
    FROM ai_chat_messages m JOIN ai_chat_sessions s ON s.id = m.session_id
   WHERE ${onOrAfter('m.created_at')}`;

/**
 * Rebuilds `activity_daily` and `distribution_daily` from day `from` on (every day when null):
 * per UTC day and site, sessions started, sessions and users active (a message that day),
 * messages, replies and how they ended; the first-token and whole-reply latencies of the replies
 * and the length of each session's day (first message to last reply) as bucket counts. Part of
 * the rollup job's transaction (usage-rollups.ts).
 */
export async function rebuildActivity(trx: Database, from: string | null): Promise<void> {
  const range = [from, from];
  await deleteDaysFrom(trx, 'activity_daily', from);
  await deleteDaysFrom(trx, 'distribution_daily', from);
  await trx.raw(
    `INSERT INTO activity_daily
       (day, site_id, active_sessions, active_users, messages, replies, errors, stopped)
     SELECT day, site_id, count(DISTINCT session_id), count(DISTINCT user_id), count(*),
            count(*) FILTER (WHERE role = 'assistant'),
            count(*) FILTER (WHERE role = 'assistant' AND status = 'error'),
            count(*) FILTER (WHERE role = 'assistant' AND status = 'stopped')
       FROM (${MESSAGES_FROM}) m
      GROUP BY 1, 2`,
    range,
  );
  await trx.raw(
    `INSERT INTO activity_daily AS a (day, site_id, sessions_started)
     SELECT (created_at AT TIME ZONE 'UTC')::date, site_id, count(*)
       FROM ai_chat_sessions
      WHERE ${onOrAfter('created_at')}
      GROUP BY 1, 2
     ON CONFLICT (day, (coalesce(site_id, ${NO_SITE_SQL})))
     DO UPDATE SET sessions_started = excluded.sessions_started`,
    range,
  );
  await trx.raw(
    `WITH m AS MATERIALIZED (${MESSAGES_FROM})
     INSERT INTO distribution_daily (day, site_id, metric, bucket, count)
     SELECT day, site_id, metric, bucket, count(*)
       FROM (
         SELECT day, site_id, 'first_token_ms' AS metric, ${bucketSql('first_token_ms')} AS bucket
           FROM m WHERE role = 'assistant' AND first_token_ms IS NOT NULL
         UNION ALL
         SELECT day, site_id, 'reply_ms', ${bucketSql('latency_ms')}
           FROM m WHERE role = 'assistant' AND status = 'complete' AND latency_ms IS NOT NULL
         UNION ALL
         SELECT day, site_id, 'session_seconds',
                ${bucketSql('extract(epoch FROM max(updated_at) - min(created_at))')}
           FROM m GROUP BY day, site_id, session_id
       ) measured
      GROUP BY 1, 2, 3, 4`,
    range,
  );
}
