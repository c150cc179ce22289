/**
 * The search section's data: a million messages of plausible creator chat across thousands of
 * users, one heavy user with 10,000 messages and a typical one with 300. Words are drawn from a
 * vocabulary with a skewed (Zipf-like) frequency, so that common words match thousands of a
 * user's messages and rare ones a few, as in real text; 2 % of messages are Japanese or Chinese.
 * Every session is one chain (each message the parent of the next). Loaded in bulk (the search trigger off, the index rows written in one statement, the GIN
 * indexes built after, by the migration's own statements), then the trigger back on: what the server searches is what it would
 * have written itself.
 */
import type { Client } from 'pg';
import {
  INDEX_STORED_MESSAGES_SQL,
  MESSAGE_SEARCH_INDEXES,
} from '../../packages/server/src/db/migrations/009_search_and_titles.js';

/** Message `key` of a session: an SQL expression, so that a chain's parents are known as it is written. */
const seedId = (session: string, key: string) =>
  `overlay(overlay(md5(${session}::text || ':' || ${key}) placing '4' from 13) placing '8' from 17)::uuid`;

export const HEAVY_USER = 'search-heavy';
export const TYPICAL_USER = 'search-typical';

const COMMON = `video channel content post idea ideas audience brand sponsor thumbnail title
  script hook views subscribers growth strategy schedule weekly daily reels shorts tiktok
  instagram youtube podcast collab editing camera lighting story caption hashtags engagement
  comments analytics revenue merch newsletter launch series trend niche viewers upload
  algorithm retention intro outro music voice filming travel cooking fitness gaming review
  tutorial unboxing vlog live stream community giveaway calendar budget pitch rate media kit`;

/** A few thousand words in all: the common ones above and many rarer made-up ones. */
function vocabulary(): string[] {
  const common = COMMON.split(/\s+/).filter(Boolean);
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'pa', 'qu', 'do'];
  const rare: string[] = [];
  for (const a of syllables)
    for (const b of syllables) for (const c of syllables) rare.push(`${a}${b}${c}`);
  return [...common, ...rare];
}

const SPACELESS = [
  '東京で動画を撮影しました',
  '新しいチャンネルのアイデア',
  '我想提高视频的播放量',
  '如何增加订阅者的数量',
];

export interface SearchSeed {
  messages: number;
  heavyMessages: number;
  typicalMessages: number;
  /** Messages per session. */
  perSession: number;
}

export async function seedSearch(pg: Client, seed: SearchSeed): Promise<void> {
  const words = vocabulary();
  await pg.query('SELECT setseed(0.42)');
  const background = seed.messages - seed.heavyMessages - seed.typicalMessages;
  const backgroundUsers = Math.ceil(background / 300);
  await pg.query(
    `INSERT INTO users (id, external_id)
     SELECT gen_random_uuid(), CASE g WHEN 1 THEN $1 WHEN 2 THEN $2 ELSE 'bg-' || g END
       FROM generate_series(1, $3::int + 2) g`,
    [HEAVY_USER, TYPICAL_USER, backgroundUsers],
  );
  // Sessions: each user's messages split into sessions of `perSession`.
  await pg.query(
    `INSERT INTO ai_chat_sessions (id, user_id, title, mode, message_count, created_at, updated_at)
     SELECT gen_random_uuid(), u.id, 'Chat ' || g, 'general', 0, now(), now()
       FROM users u CROSS JOIN LATERAL generate_series(1, CEIL(
              CASE u.external_id WHEN $1 THEN $3::int WHEN $2 THEN $4::int ELSE 300 END
              / $5::float)::int) g`,
    [HEAVY_USER, TYPICAL_USER, seed.heavyMessages, seed.typicalMessages, seed.perSession],
  );
  await pg.query('ALTER TABLE ai_chat_messages DISABLE TRIGGER ai_chat_messages_search_sync');
  await pg.query(
    'DROP INDEX ai_message_search_words_idx, ai_message_search_spaceless_idx, ai_message_search_spaceless_owner_idx',
  );
  // 8–30 words a message, each word's rank in the vocabulary skewed towards the common ones.
  await pg.query(
    `INSERT INTO ai_chat_messages (id, session_id, user_id, role, content, status, parent_id, created_at)
     SELECT ${seedId('s.id', 'g')}, s.id, s.user_id,
            CASE WHEN g % 2 = 0 THEN 'assistant' ELSE 'user' END,
            CASE WHEN random() < 0.02 THEN ($2::text[])[1 + floor(random() * 4)::int]
                 ELSE (SELECT string_agg(($1::text[])[1 + floor(power(random(), 3) * $3::int)::int], ' ')
                         FROM generate_series(1, 8 + (random() * 22)::int) k WHERE k > 0 * g)
            END,
            'complete', CASE WHEN g > 1 THEN ${seedId('s.id', 'g - 1')} END,
            now() - (random() * interval '90 days')
       FROM ai_chat_sessions s CROSS JOIN generate_series(1, $4::int) g`,
    [words, SPACELESS, words.length, seed.perSession],
  );
  await pg.query(INDEX_STORED_MESSAGES_SQL);
  for (const statement of MESSAGE_SEARCH_INDEXES) await pg.query(statement);
  await pg.query('ALTER TABLE ai_chat_messages ENABLE TRIGGER ai_chat_messages_search_sync');
  await pg.query(`
    UPDATE ai_chat_sessions s SET message_count = c.n, last_message_at = c.last,
           current_message_id = ${seedId('s.id', 'c.n')}
      FROM (SELECT session_id, count(*) n, max(created_at) last FROM ai_chat_messages GROUP BY session_id) c
     WHERE c.session_id = s.id`);
  await pg.query('VACUUM ANALYZE');
  await pg.query('CHECKPOINT');
}
