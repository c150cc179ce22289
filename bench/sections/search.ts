/**
 * Search at scale (issue #14): GET /chat/search for a heavy user (10,000 messages) and a typical
 * one (300) in a database of a million messages, through the HTTP API end to end and as the
 * server's own statement alone (search/search-sql.ts), each answer checked to hold hits.
 */
import { Client } from 'pg';
import { parseSearchQuery } from '../../packages/server/src/search/search-query.js';
import { searchStatement } from '../../packages/server/src/search/search-sql.js';
import { freshDatabase, startFakeUpstream, startRepruv, tokenFor } from '../lib/stack.js';
import { percentile } from '../lib/stats.js';
import { HEAVY_USER, TYPICAL_USER, seedSearch } from './search-seed.js';

const MESSAGES = Number(process.env.BENCH_SEARCH_MESSAGES ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_SEARCH_ITERATIONS ?? 100);

/** What a person types, and whether it must find something (undefined: either, for a small user). */
const QUERIES: Array<{ label: string; q: string; finds?: boolean }> = [
  { label: 'a common word', q: 'video ', finds: true },
  { label: 'two common words', q: 'brand sponsor ', finds: true },
  { label: 'a prefix as typed', q: 'subscr', finds: true },
  { label: 'a rare word', q: 'kalomi ' },
  { label: 'a phrase', q: '"media kit"' },
  { label: 'a word, one excluded', q: 'content -video', finds: true },
  { label: 'a word in every title', q: 'chat ', finds: true },
  { label: 'Japanese, as a substring', q: '動画' },
  { label: 'no match', q: 'zzzzqx', finds: false },
];

export interface SearchRow {
  user: string;
  query: string;
  hits: number;
  sqlP50: number;
  sqlP99: number;
  httpP50: number;
  httpP99: number;
}

export interface SearchResults {
  messages: number;
  seedSeconds: number;
  rows: SearchRow[];
  /** Every query of the user together: the figure the goal is about. */
  overall: Array<{
    user: string;
    messages: number;
    httpP50: number;
    httpP99: number;
    goalMs: number;
  }>;
}

/** The statement with pg's `$n` for knex's named `:name` bindings (`::type` casts left alone). */
function positional(
  sql: string,
  bindings: Record<string, unknown>,
): { text: string; values: unknown[] } {
  const order: string[] = [];
  const text = sql.replace(/(?<!:):([a-zA-Z]\w*)/g, (_, name: string) => {
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}`;
  });
  return { text, values: order.map((name) => bindings[name]) };
}

async function timedRuns(
  run: () => Promise<number>,
  finds: boolean | undefined,
  label: string,
): Promise<{ samples: number[]; hits: number }> {
  const samples: number[] = [];
  let hits = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    hits = await run();
    samples.push(performance.now() - start);
    if (finds !== undefined && finds !== hits > 0)
      throw new Error(`${label}: expected ${finds ? 'hits' : 'none'}, got ${hits}`);
  }
  return { samples, hits };
}

export async function benchSearch(): Promise<SearchResults> {
  const databaseUrl = await freshDatabase('repruv_bench_search');
  const upstream = await startFakeUpstream(1000, 1);
  const repruv = await startRepruv(upstream.url, databaseUrl, {
    SEARCHES_PER_USER_PER_MINUTE: '1000000',
  });
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const seedStart = performance.now();
    await seedSearch(pg, {
      messages: MESSAGES,
      heavyMessages: 10_000,
      typicalMessages: 300,
      perSession: 30,
    });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const stored = Number((await pg.query('SELECT count(*) n FROM ai_chat_messages')).rows[0].n);
    const rows: SearchRow[] = [];
    const overall: SearchResults['overall'] = [];
    for (const [user, goalMs] of [
      [HEAVY_USER, 50],
      [TYPICAL_USER, 20],
    ] as const) {
      const { id: userId } = (await pg.query('SELECT id FROM users WHERE external_id = $1', [user]))
        .rows[0];
      const messages = Number(
        (await pg.query('SELECT count(*) n FROM ai_chat_messages WHERE user_id = $1', [userId]))
          .rows[0].n,
      );
      const headers = { Authorization: `Bearer ${await tokenFor(user)}` };
      const all: number[] = [];
      for (const { label, q, finds } of QUERIES) {
        const statement = searchStatement(parseSearchQuery(q), { userId, limit: 20 });
        const { text, values } = positional(statement.sql, statement.bindings);
        const sql = await timedRuns(
          async () => (await pg.query(text, values)).rowCount ?? 0,
          finds,
          `${user} ${label} (SQL)`,
        );
        const url = `${repruv.url}/api/v1/chat/search?${new URLSearchParams({ q, limit: '20' })}`;
        const http = await timedRuns(
          async () => {
            const response = await fetch(url, { headers });
            const body = (await response.json()) as { data?: unknown[] };
            if (!response.ok || !body.data) throw new Error(`${label}: ${response.status}`);
            return body.data.length;
          },
          finds,
          `${user} ${label} (HTTP)`,
        );
        all.push(...http.samples);
        rows.push({
          user:
            user === HEAVY_USER
              ? `heavy (${messages.toLocaleString('en')} messages)`
              : `typical (${messages})`,
          query: `${label}: \`${q.trim()}\``,
          hits: http.hits,
          sqlP50: percentile(sql.samples, 50),
          sqlP99: percentile(sql.samples, 99),
          httpP50: percentile(http.samples, 50),
          httpP99: percentile(http.samples, 99),
        });
      }
      overall.push({
        user,
        messages,
        httpP50: percentile(all, 50),
        httpP99: percentile(all, 99),
        goalMs,
      });
    }
    return { messages: stored, seedSeconds, rows, overall };
  } finally {
    await pg.end();
    await repruv.child.stop();
    await upstream.child.stop();
  }
}
