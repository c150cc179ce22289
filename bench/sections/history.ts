import { Client } from 'pg';
import { freshDatabase, startFakeUpstream, startRepruv, tokenFor } from '../lib/stack.js';
import { percentile } from '../lib/stats.js';

const SESSIONS = Number(process.env.BENCH_HISTORY_SESSIONS ?? 50_000);
const MESSAGES = Number(process.env.BENCH_HISTORY_MESSAGES ?? 1_000_000);
const BIG_SESSION_MESSAGES = Math.floor(MESSAGES / 10);
const ITERATIONS = Number(process.env.BENCH_HISTORY_ITERATIONS ?? 200);

export interface HistoryRow {
  query: string;
  keysetP50: number;
  keysetP99: number;
  offsetP50: number;
  offsetP99: number;
  httpP50: number;
  httpP99: number;
}

/** Seeds in bulk with generate_series: one heavy user, one very long session, the rest short. */
async function seed(pg: Client, userId: string): Promise<{ bigSession: string }> {
  await pg.query(`INSERT INTO users (id, external_id) VALUES ($1, 'history-user')`, [userId]);
  await pg.query(
    `INSERT INTO ai_chat_sessions (id, user_id, title, mode, message_count, created_at, updated_at, last_message_at)
     SELECT gen_random_uuid(), $1, 'Session ' || g, 'general', 0, now(), now(), now()
       FROM generate_series(1, $2) g`,
    [userId, SESSIONS],
  );
  const { rows } = await pg.query(
    `SELECT id FROM ai_chat_sessions ORDER BY activity_seq DESC LIMIT 1`,
  );
  const bigSession = rows[0].id as string;
  await pg.query(
    `INSERT INTO ai_chat_messages (id, session_id, user_id, role, content, status, created_at)
     SELECT gen_random_uuid(), $1, $2, CASE WHEN g % 2 = 0 THEN 'assistant' ELSE 'user' END,
            'message ' || g, 'complete', now()
       FROM generate_series(1, $3) g`,
    [bigSession, userId, BIG_SESSION_MESSAGES],
  );
  const perSession = Math.floor((MESSAGES - BIG_SESSION_MESSAGES) / (SESSIONS - 1));
  await pg.query(
    `INSERT INTO ai_chat_messages (id, session_id, user_id, role, content, status, created_at)
     SELECT gen_random_uuid(), s.id, $1, CASE WHEN g % 2 = 0 THEN 'assistant' ELSE 'user' END,
            'message ' || g, 'complete', now()
       FROM ai_chat_sessions s CROSS JOIN generate_series(1, $2) g
      WHERE s.id <> $3`,
    [userId, perSession, bigSession],
  );
  await pg.query(`UPDATE ai_chat_sessions s SET message_count = c.n FROM
    (SELECT session_id, count(*) n FROM ai_chat_messages GROUP BY session_id) c WHERE c.session_id = s.id`);
  await pg.query('ANALYZE');
  return { bigSession };
}

async function timed(iterations: number, run: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return samples;
}

/**
 * Newest and deep pages of the session list and of a long history, by keyset cursor (the queries the
 * server runs) vs the same page by OFFSET, and through the HTTP API end to end.
 */
export async function benchHistory(): Promise<{
  seedSeconds: number;
  messages: number;
  rows: HistoryRow[];
}> {
  const databaseUrl = await freshDatabase('repruv_bench_history');
  const upstream = await startFakeUpstream(1000, 1);
  const repruv = await startRepruv(upstream.url, databaseUrl); // runs the migrations
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const userId = '00000000-0000-4000-8000-000000000001';
    const seedStart = performance.now();
    const { bigSession } = await seed(pg, userId);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const token = await tokenFor('history-user');
    const headers = { Authorization: `Bearer ${token}` };

    const deepSession = (
      await pg.query(
        `SELECT activity_seq FROM ai_chat_sessions WHERE user_id = $1 ORDER BY activity_seq DESC OFFSET $2 LIMIT 1`,
        [userId, SESSIONS - 40],
      )
    ).rows[0].activity_seq;
    const deepMessage = (
      await pg.query(
        `SELECT id, seq FROM ai_chat_messages WHERE session_id = $1 ORDER BY seq DESC OFFSET $2 LIMIT 1`,
        [bigSession, BIG_SESSION_MESSAGES - 60],
      )
    ).rows[0];
    const cursorFor = (seq: string) => Buffer.from(`s:${seq}`).toString('base64url');

    const cases = [
      {
        query: 'sessions, newest page',
        keyset: () =>
          pg.query(
            `SELECT * FROM ai_chat_sessions WHERE user_id = $1 ORDER BY activity_seq DESC LIMIT 21`,
            [userId],
          ),
        offset: () =>
          pg.query(
            `SELECT * FROM ai_chat_sessions WHERE user_id = $1 ORDER BY activity_seq DESC OFFSET 0 LIMIT 21`,
            [userId],
          ),
        http: () =>
          fetch(`${repruv.url}/api/v1/chat/sessions?limit=20`, { headers }).then((r) => r.text()),
      },
      {
        query: `sessions, page at depth ${SESSIONS - 40}`,
        keyset: () =>
          pg.query(
            `SELECT * FROM ai_chat_sessions WHERE user_id = $1 AND activity_seq < $2 ORDER BY activity_seq DESC LIMIT 21`,
            [userId, deepSession],
          ),
        offset: () =>
          pg.query(
            `SELECT * FROM ai_chat_sessions WHERE user_id = $1 ORDER BY activity_seq DESC OFFSET $2 LIMIT 21`,
            [userId, SESSIONS - 40],
          ),
        http: () =>
          fetch(`${repruv.url}/api/v1/chat/sessions?limit=20&cursor=${cursorFor(deepSession)}`, {
            headers,
          }).then((r) => r.text()),
      },
      {
        query: 'history, newest page',
        keyset: () =>
          pg.query(
            `SELECT * FROM ai_chat_messages WHERE session_id = $1 ORDER BY seq DESC LIMIT 51`,
            [bigSession],
          ),
        offset: () =>
          pg.query(
            `SELECT * FROM ai_chat_messages WHERE session_id = $1 ORDER BY seq DESC OFFSET 0 LIMIT 51`,
            [bigSession],
          ),
        http: () =>
          fetch(`${repruv.url}/api/v1/chat/messages/${bigSession}?limit=50`, { headers }).then(
            (r) => r.text(),
          ),
      },
      {
        query: `history, page at depth ${BIG_SESSION_MESSAGES - 60}`,
        keyset: () =>
          pg.query(
            `SELECT * FROM ai_chat_messages WHERE session_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT 51`,
            [bigSession, deepMessage.seq],
          ),
        offset: () =>
          pg.query(
            `SELECT * FROM ai_chat_messages WHERE session_id = $1 ORDER BY seq DESC OFFSET $2 LIMIT 51`,
            [bigSession, BIG_SESSION_MESSAGES - 60],
          ),
        http: () =>
          fetch(
            `${repruv.url}/api/v1/chat/messages/${bigSession}?limit=50&before=${deepMessage.id}`,
            { headers },
          ).then((r) => r.text()),
      },
    ];

    const rows: HistoryRow[] = [];
    for (const c of cases) {
      for (let i = 0; i < 10; i++) await Promise.all([c.keyset(), c.offset(), c.http()]);
      const keyset: number[] = [];
      const offset: number[] = [];
      const http: number[] = [];
      // Interleaved in small batches so noise falls on all three alike.
      for (let round = 0; round < ITERATIONS / 20; round++) {
        keyset.push(...(await timed(20, c.keyset)));
        offset.push(
          ...(await timed(Math.max(1, Math.floor(20 / (round === 0 ? 1 : 4))), c.offset)),
        );
        http.push(...(await timed(20, c.http)));
      }
      rows.push({
        query: c.query,
        keysetP50: percentile(keyset, 50),
        keysetP99: percentile(keyset, 99),
        offsetP50: percentile(offset, 50),
        offsetP99: percentile(offset, 99),
        httpP50: percentile(http, 50),
        httpP99: percentile(http, 99),
      });
    }
    return { seedSeconds, messages: MESSAGES, rows };
  } finally {
    await pg.end();
    await repruv.child.stop();
    await upstream.child.stop();
  }
}
