/**
 * The history section's data, seeded in bulk with generate_series and the same ids in every run
 * (from the md5 of the session and the message's place). Every session is a tree of parents with a current
 * leaf, as sends leave them: an unparented seed would read as empty pages, and look fast.
 */
import { createHash } from 'node:crypto';
import type { Client } from 'pg';

/**
 * The id of message `key` of a session: an SQL expression. The md5 gets a version-4 nibble and
 * the RFC 4122 variant, as the API accepts only such uuids in its queries.
 */
const seedId = (session: string, key: string) =>
  `overlay(overlay(md5(${session}::text || ':' || ${key}) placing '4' from 13) placing '8' from 17)::uuid`;

/** seedId computed here. */
function seedUuid(session: string, key: string): string {
  const md5 = createHash('md5').update(`${session}:${key}`).digest('hex');
  const hex = `${md5.slice(0, 12)}4${md5.slice(13, 16)}8${md5.slice(17)}`;
  return hex.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
}

/**
 * Messages 1…`count` (SQL) of every session `from` yields as `s`, each one a chain: message g's
 * parent is message g - 1, users on odd g, their replies on even g.
 */
const chainInsert = (count: string, from: string) => `
  INSERT INTO ai_chat_messages (id, session_id, user_id, role, content, status, parent_id,
                                reply_to_message_id, created_at)
  SELECT ${seedId('s.id', 'g')}, s.id, s.user_id,
         CASE WHEN g % 2 = 0 THEN 'assistant' ELSE 'user' END, 'message ' || g, 'complete',
         CASE WHEN g > 1 THEN ${seedId('s.id', 'g - 1')} END,
         CASE WHEN g % 2 = 0 THEN ${seedId('s.id', 'g - 1')} END,
         s.created_at + g * interval '1 millisecond'
    FROM ${from} CROSS JOIN generate_series(1, ${count}) g`;

/** Counts each session's messages; the leaf is message `message_count` of the chain. */
const COUNT_AND_LEAF = `
  UPDATE ai_chat_sessions s SET message_count = c.n, current_message_id = ${seedId('s.id', 'c.n')}
    FROM (SELECT session_id, count(*) n FROM ai_chat_messages GROUP BY session_id) c
   WHERE c.session_id = s.id`;

export interface HistorySeed {
  sessions: number;
  messages: number;
}

/**
 * One heavy user: one very long session (a tenth of the messages), the rest short. They are
 * history, as a real one is: started over the 200 days up to 20 days ago, and through the minute
 * job already (their first questions filed), so that what the section times is the reads, not the
 * rollup rebuilding a million messages of "today" beside them (catchUpRollups does the rest).
 */
export async function seedHistory(
  pg: Client,
  userId: string,
  { sessions, messages }: HistorySeed,
): Promise<{ bigSession: string; bigSessionMessages: number }> {
  await pg.query(`INSERT INTO users (id, external_id) VALUES ($1, 'history-user')`, [userId]);
  await pg.query(
    `INSERT INTO ai_chat_sessions (id, user_id, title, mode, message_count, created_at, updated_at,
                                   last_message_at, question_filed_at)
     SELECT gen_random_uuid(), $1, 'Session ' || g, 'general', 0, t, t, t, now()
       FROM generate_series(1, $2) g,
            LATERAL (SELECT now() - interval '200 days' + g * (interval '180 days' / $2)) started(t)`,
    [userId, sessions],
  );
  const { rows } = await pg.query(
    `SELECT id FROM ai_chat_sessions ORDER BY activity_seq DESC LIMIT 1`,
  );
  const bigSession = rows[0].id as string;
  const bigSessionMessages = Math.floor(messages / 10);
  await pg.query(chainInsert('$2::int', '(SELECT * FROM ai_chat_sessions WHERE id = $1) s'), [
    bigSession,
    bigSessionMessages,
  ]);
  const perSession = Math.floor((messages - bigSessionMessages) / (sessions - 1));
  await pg.query(chainInsert('$2::int', '(SELECT * FROM ai_chat_sessions WHERE id <> $1) s'), [
    bigSession,
    perSession,
  ]);
  await pg.query(COUNT_AND_LEAF);
  await pg.query('ANALYZE');
  return { bigSession, bigSessionMessages };
}

export interface TreeSeed {
  sessionId: string;
  /** Main-branch message ids by depth: `main[k - 1]` is the message at depth k (1 = the root). */
  main: string[];
  /** The alternative reply beside main message `k` (k a multiple of `forkEvery`), by k. */
  forkReply: (k: number) => string;
  /** The last message of the fork beside main message `k`. */
  forkLeaf: (k: number) => string;
  stored: number;
}

/**
 * A session `depth` messages deep on its main branch (users on odd depths), with an alternative
 * at every `forkEvery`-th message (a reply): a sibling reply and one more exchange below it, 3
 * messages. The forks are written after the main branch, so each fork's reply is the newest
 * child of its prompt; the main branch's last message is the current leaf.
 */
export async function seedTree(
  pg: Client,
  userId: string,
  depth: number,
  forkEvery: number,
): Promise<TreeSeed> {
  const { rows } = await pg.query(
    `INSERT INTO ai_chat_sessions (id, user_id, title, mode, message_count, created_at, updated_at, last_message_at)
     VALUES (gen_random_uuid(), $1, 'Tree', 'general', 0, now(), now(), now()) RETURNING id`,
    [userId],
  );
  const sessionId = rows[0].id as string;
  await pg.query(chainInsert('$2::int', '(SELECT * FROM ai_chat_sessions WHERE id = $1) s'), [
    sessionId,
    depth,
  ]);
  // The fork beside main message k: reply 'f:k:1' answers main message k - 1 (a user message),
  // user message 'f:k:2' follows it, reply 'f:k:3' answers that.
  const forkId = (j: number) => seedId('s.id', `'f:' || k || ':${j}'`);
  await pg.query(
    `INSERT INTO ai_chat_messages (id, session_id, user_id, role, content, status, parent_id,
                                   reply_to_message_id, created_at)
     SELECT v.id, s.id, s.user_id, v.role, 'fork ' || k || '.' || v.j, 'complete', v.parent,
            CASE WHEN v.role = 'assistant' THEN v.parent END, now()
       FROM (SELECT * FROM ai_chat_sessions WHERE id = $1) s
      CROSS JOIN generate_series($2::int, $3::int, $2::int) k
      CROSS JOIN LATERAL (VALUES
        (1, ${forkId(1)}, 'assistant', ${seedId('s.id', 'k - 1')}),
        (2, ${forkId(2)}, 'user', ${forkId(1)}),
        (3, ${forkId(3)}, 'assistant', ${forkId(2)})) v(j, id, role, parent)
      ORDER BY k, v.j`,
    [sessionId, forkEvery, depth],
  );
  await pg.query(
    `UPDATE ai_chat_sessions s SET message_count = (SELECT count(*) FROM ai_chat_messages
                                                      WHERE session_id = s.id),
                                   current_message_id = ${seedId('s.id', '$2::int')}
      WHERE s.id = $1`,
    [sessionId, depth],
  );
  await pg.query('VACUUM ANALYZE ai_chat_messages');
  const stored = await pg.query(
    'SELECT count(*)::int AS n FROM ai_chat_messages WHERE session_id = $1',
    [sessionId],
  );
  return {
    sessionId,
    main: Array.from({ length: depth }, (_, i) => seedUuid(sessionId, String(i + 1))),
    forkReply: (k) => seedUuid(sessionId, `f:${k}:1`),
    forkLeaf: (k) => seedUuid(sessionId, `f:${k}:3`),
    stored: stored.rows[0].n,
  };
}
