import { Client } from 'pg';
import { currentPage, pageBefore } from '../lib/branch-sql.js';
import { expectMessagePage, expectRows, expectSessionPage, timed } from '../lib/page-checks.js';
import { freshDatabase, startFakeUpstream, startRepruv, tokenFor } from '../lib/stack.js';
import { percentile } from '../lib/stats.js';
import { seedHistory } from './history-seed.js';
import { catchUpRollups } from '../lib/rollups.js';
import { benchTree, type TreeResults } from './history-tree.js';

const SESSIONS = Number(process.env.BENCH_HISTORY_SESSIONS ?? 50_000);
const MESSAGES = Number(process.env.BENCH_HISTORY_MESSAGES ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_HISTORY_ITERATIONS ?? 500);

export interface HistoryRow {
  query: string;
  keysetP50: number;
  keysetP99: number;
  offsetP50: number;
  offsetP99: number;
  httpP50: number;
  httpP99: number;
}

/**
 * Newest and deep pages of the session list and of a long history, by keyset cursor (the queries the
 * server runs) vs the same page by OFFSET, and through the HTTP API end to end; then the same user's
 * deep and bushy conversation tree (history-tree.ts).
 */
export async function benchHistory(): Promise<{
  seedSeconds: number;
  messages: number;
  rows: HistoryRow[];
  tree: TreeResults;
}> {
  const databaseUrl = await freshDatabase('repruv_bench_history');
  const upstream = await startFakeUpstream(1000, 1);
  const repruv = await startRepruv(upstream.url, databaseUrl); // runs the migrations
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const userId = '00000000-0000-4000-8000-000000000001';
    const seedStart = performance.now();
    const { bigSession, bigSessionMessages } = await seedHistory(pg, userId, {
      sessions: SESSIONS,
      messages: MESSAGES,
    });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    // A table just loaded with a million rows is vacuumed by autovacuum for the next minute or so,
    // beside the reads timed here; a live database's table is not. Do it now, and write it out.
    await pg.query('VACUUM ANALYZE ai_chat_messages');
    await catchUpRollups(databaseUrl);
    await pg.query('CHECKPOINT');
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
        [bigSession, bigSessionMessages - 60],
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
        checkKeyset: expectRows('sessions, newest page', 21),
        checkHttp: expectSessionPage('sessions, newest page', 20),
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
        checkKeyset: expectRows('sessions, deep page', 21),
        checkHttp: expectSessionPage('sessions, deep page', 20),
      },
      {
        query: 'history, newest page',
        keyset: () => currentPage(pg, bigSession, userId, 50),
        offset: () =>
          pg.query(
            `SELECT * FROM ai_chat_messages WHERE session_id = $1 ORDER BY seq DESC OFFSET 0 LIMIT 51`,
            [bigSession],
          ),
        http: () =>
          fetch(`${repruv.url}/api/v1/chat/messages/${bigSession}?limit=50`, { headers }).then(
            (r) => r.text(),
          ),
        checkKeyset: expectRows('history, newest page', 51),
        checkHttp: expectMessagePage('history, newest page', 50, true),
      },
      {
        query: `history, page at depth ${bigSessionMessages - 60}`,
        keyset: () => pageBefore(pg, bigSession, userId, deepMessage.id, 50),
        offset: () =>
          pg.query(
            `SELECT * FROM ai_chat_messages WHERE session_id = $1 ORDER BY seq DESC OFFSET $2 LIMIT 51`,
            [bigSession, bigSessionMessages - 60],
          ),
        http: () =>
          fetch(
            `${repruv.url}/api/v1/chat/messages/${bigSession}?limit=50&before=${deepMessage.id}`,
            { headers },
          ).then((r) => r.text()),
        checkKeyset: expectRows('history, deep page', 51),
        checkHttp: expectMessagePage('history, deep page', 50, true),
      },
    ];

    const rows: HistoryRow[] = [];
    for (const c of cases) {
      for (let i = 0; i < 10; i++) {
        const [keysetResult, offsetResult, text] = await Promise.all([
          c.keyset(),
          c.offset(),
          c.http(),
        ]);
        c.checkKeyset(keysetResult);
        c.checkKeyset(offsetResult);
        c.checkHttp(text);
      }
      const keyset: number[] = [];
      const offset: number[] = [];
      const http: number[] = [];
      // Interleaved in small batches so noise falls on all three alike.
      for (let round = 0; round < ITERATIONS / 20; round++) {
        keyset.push(...(await timed(20, c.keyset, c.checkKeyset)));
        offset.push(
          ...(await timed(Math.max(1, Math.floor(20 / (round === 0 ? 1 : 4))), c.offset)),
        );
        http.push(...(await timed(20, c.http, c.checkHttp)));
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
    const tree = await benchTree(pg, userId, repruv.url, headers, ITERATIONS);
    return { seedSeconds, messages: MESSAGES, rows, tree };
  } finally {
    await pg.end();
    await repruv.child.stop();
    await upstream.child.stop();
  }
}
