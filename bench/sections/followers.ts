import http from 'node:http';
import pg from 'pg';
import { cpuSecondsOfAll } from '../lib/cpu.js';
import type { Child } from '../lib/processes.js';
import { freshDatabase, startFakeUpstream, startRepruv, tokenFor } from '../lib/stack.js';
import { percentile } from '../lib/stats.js';

const TOKENS_PER_SECOND = 20;
const TOKENS = 160; // 8 s of reply
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface FollowerRow {
  via: string;
  followers: number;
  /** How much later than the owner's own client a follower on the other instance got each offset. */
  lagP50: number;
  lagP99: number;
  /** PostgreSQL transactions a second while the followers followed, and its CPU (cores). */
  transactionsPerSecond: number;
  postgresCores: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/**
 * Opens an SSE stream and notes when each event id (a character offset) arrived; resolves at its end.
 */
function timeOffsets(url: string, headers: Record<string, string>, body?: string) {
  const arrived = new Map<number, number>();
  const done = new Promise<Map<number, number>>((resolve) => {
    const request = http.request(
      url,
      { method: body ? 'POST' : 'GET', headers, agent },
      (response) => {
        response.setEncoding('utf8');
        let tail = '';
        response.on('data', (chunk: string) => {
          const now = performance.now();
          const text = tail + chunk;
          for (const match of text.matchAll(/^id: (\d+)$/gm)) arrived.set(Number(match[1]), now);
          tail = text.slice(text.lastIndexOf('\n') + 1);
        });
        response.on('end', () => resolve(arrived));
        response.on('error', () => resolve(arrived));
      },
    );
    request.on('error', () => resolve(arrived));
    request.end(body);
  });
  return { arrived, done };
}

/**
 * One reply generating on instance A while `counts` followers follow it through instance B:
 * through Redis (the relay) and, beside it, through the database checkpoint (no Redis). A
 * follower's lag is how long after A's own client it received the same text.
 */
export async function benchFollowers(counts: number[]): Promise<FollowerRow[]> {
  const children: Child[] = [];
  try {
    const upstream = await startFakeUpstream(TOKENS_PER_SECOND, TOKENS);
    children.push(upstream.child);
    const rows: FollowerRow[] = [];
    for (const via of ['Redis relay', 'database checkpoint'] as const) {
      const databaseUrl = await freshDatabase('repruv_bench_followers');
      const env: Record<string, string> = via === 'Redis relay' ? { REDIS_URL } : {};
      const a = await startRepruv(upstream.url, databaseUrl, env);
      children.push(a.child);
      const b = await startRepruv(upstream.url, databaseUrl, env);
      children.push(b.child);
      const token = await tokenFor('follower-bench');
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      for (const followers of counts) {
        rows.push(await followOnce(a.url, b.url, databaseUrl, headers, via, followers));
        console.error(`followers: ${JSON.stringify(rows.at(-1))}`);
      }
      await Promise.all([a.child.stop(), b.child.stop()]);
    }
    return rows;
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}

async function followOnce(
  ownerUrl: string,
  followerUrl: string,
  databaseUrl: string,
  headers: Record<string, string>,
  via: string,
  followers: number,
): Promise<FollowerRow> {
  const session = await fetch(`${ownerUrl}/api/v1/chat/sessions`, {
    method: 'POST',
    headers,
    body: '{}',
  });
  const sessionId = ((await session.json()) as { id: string }).id;
  const owner = timeOffsets(
    `${ownerUrl}/api/v1/chat/messages?stream=true`,
    headers,
    JSON.stringify({ session_id: sessionId, content: 'Tell me a story' }),
  );
  // The reply's id, from the database once its pair is stored.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let messageId: string | undefined;
  while (!messageId) {
    const { rows } = await client.query<{ id: string }>(
      "SELECT id FROM ai_chat_messages WHERE session_id = $1 AND role = 'assistant'",
      [sessionId],
    );
    messageId = rows[0]?.id;
    if (!messageId) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const watched = Array.from({ length: followers }, () =>
    timeOffsets(`${followerUrl}/api/v1/chat/messages/${messageId}/stream`, headers),
  );
  // Measured from a second in, when every follower is attached.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const transactions = async () =>
    Number(
      (
        await client.query<{ n: string }>(
          'SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()',
        )
      ).rows[0]!.n,
    );
  const before = { transactions: await transactions(), cpu: cpuSecondsOfAll('postgres') };
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 4000));
  const seconds = (performance.now() - started) / 1000;
  // Statistics reach pg_stat_database within a second of the transactions.
  const postgresCores = (cpuSecondsOfAll('postgres') - before.cpu) / seconds;
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const transactionsPerSecond = (await transactions()) - before.transactions;
  const ownerTimes = await owner.done;
  const lags: number[] = [];
  const ownerOffsets = [...ownerTimes.keys()].sort((x, y) => x - y);
  for (const follower of await Promise.all(watched.map((w) => w.done))) {
    for (const [offset, at] of follower) {
      if (at < started) continue; // catching up on the text before it attached
      // When the owner's client first had this offset's text.
      const covering = ownerOffsets.find((o) => o >= offset);
      if (covering !== undefined) lags.push(at - ownerTimes.get(covering)!);
    }
  }
  await client.end();
  return {
    via,
    followers,
    lagP50: percentile(lags, 50),
    lagP99: percentile(lags, 99),
    transactionsPerSecond: transactionsPerSecond / (seconds + 1.1),
    postgresCores,
  };
}
