/**
 * The conversation tree at depth: pages of a 2,000-message branch with a fork every 10 messages,
 * by the server's own branch SQL (bench/lib/branch-sql.ts) and through the HTTP API, each answer
 * checked to hold the page expected.
 */
import type { Client } from 'pg';
import { currentPage, leafPage, pageBefore } from '../lib/branch-sql.js';
import { expectMessagePage, expectRows, timed } from '../lib/page-checks.js';
import { percentile } from '../lib/stats.js';
import { seedTree } from './history-seed.js';

const DEPTH = 2_000;
const FORK_EVERY = 10;
const LIMIT = 50;

export interface TreeRow {
  query: string;
  /** Messages on the page read. */
  messages: number;
  /** The branch SQL alone; null for a row that is only an HTTP call. */
  keysetP50: number | null;
  keysetP99: number | null;
  httpP50: number;
  httpP99: number;
  /** Informative: not one of the page reads the goal is about. */
  informative?: boolean;
}

export interface TreeResults {
  depth: number;
  forkEvery: number;
  /** Messages stored in the tree session: the branch read and every fork. */
  stored: number;
  rows: TreeRow[];
}

interface TreeCase {
  query: string;
  messages: number;
  keyset?: () => Promise<unknown>;
  http: () => Promise<string>;
  checkHttp: (text: string) => void;
  checkKeyset?: (result: never) => void;
  informative?: boolean;
}

export async function benchTree(
  pg: Client,
  userId: string,
  apiUrl: string,
  headers: Record<string, string>,
  iterations: number,
): Promise<TreeResults> {
  const tree = await seedTree(pg, userId, DEPTH, FORK_EVERY);
  const { sessionId, main } = tree;
  const at = (depth: number) => main[depth - 1]!;
  const get = (query: string) =>
    fetch(`${apiUrl}/api/v1/chat/messages/${sessionId}?limit=${LIMIT}${query}`, {
      headers,
    }).then((r) => r.text());

  /** A page of `messages` messages; the SQL reads one more when older ones exist. */
  const page = (
    query: string,
    messages: number,
    hasMore: boolean,
    keyset: () => Promise<unknown>,
    httpQuery: string,
  ): TreeCase => ({
    query,
    messages,
    keyset,
    http: () => get(httpQuery),
    checkHttp: expectMessagePage(query, messages, hasMore),
    checkKeyset: expectRows(query, hasMore ? messages + 1 : messages),
  });

  // PATCH alternates between two branches, so every other call switches back.
  const targets = [tree.forkReply(1_000), at(DEPTH)];
  const leaves = [tree.forkLeaf(1_000), at(DEPTH)];
  let patches = 0;
  let expectedLeaf = leaves[0]!;
  const patch = (): Promise<string> => {
    const turn = patches++ % 2;
    expectedLeaf = leaves[turn]!;
    return fetch(`${apiUrl}/api/v1/chat/sessions/${sessionId}`, {
      method: 'PATCH',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ current_message_id: targets[turn] }),
    }).then((r) => r.text());
  };

  const cases: TreeCase[] = [
    page(
      'tree, current branch, newest page',
      LIMIT,
      true,
      () => currentPage(pg, sessionId, userId, LIMIT),
      '',
    ),
    page(
      'tree, page before depth 1,000',
      LIMIT,
      true,
      () => pageBefore(pg, sessionId, userId, at(1_000), LIMIT),
      `&before=${at(1_000)}`,
    ),
    page(
      'tree, page near the root (before depth 51: depths 1–50)',
      LIMIT,
      false,
      () => pageBefore(pg, sessionId, userId, at(51), LIMIT),
      `&before=${at(51)}`,
    ),
    page(
      'tree, ?leaf= the fork at depth 10',
      12,
      false,
      () => leafPage(pg, sessionId, userId, tree.forkReply(10), LIMIT),
      `&leaf=${tree.forkReply(10)}`,
    ),
    page(
      'tree, ?leaf= the fork at depth 1,000',
      LIMIT,
      true,
      () => leafPage(pg, sessionId, userId, tree.forkReply(1_000), LIMIT),
      `&leaf=${tree.forkReply(1_000)}`,
    ),
    {
      query: 'tree, switch branch (PATCH), two branches in turn',
      messages: 0,
      http: patch,
      checkHttp: (text) => {
        const session = JSON.parse(text) as { current_message_id?: string };
        if (session.current_message_id !== expectedLeaf) {
          throw new Error(
            `switch branch: expected leaf ${expectedLeaf}, got ${text.slice(0, 200)}`,
          );
        }
      },
      informative: true,
    },
  ];

  const rows: TreeRow[] = [];
  for (const c of cases) {
    const check = c.checkKeyset as ((result: unknown) => void) | undefined;
    for (let i = 0; i < 10; i++) {
      if (c.keyset) check?.(await c.keyset());
      c.checkHttp(await c.http());
    }
    const keyset: number[] = [];
    const http: number[] = [];
    // Interleaved in small batches so noise falls on both alike.
    for (let round = 0; round < iterations / 20; round++) {
      if (c.keyset) keyset.push(...(await timed(20, c.keyset, check)));
      http.push(...(await timed(20, c.http, c.checkHttp)));
    }
    rows.push({
      query: c.query,
      messages: c.messages,
      keysetP50: c.keyset ? percentile(keyset, 50) : null,
      keysetP99: c.keyset ? percentile(keyset, 99) : null,
      httpP50: percentile(http, 50),
      httpP99: percentile(http, 99),
      ...(c.informative && { informative: true }),
    });
  }
  // Leave the main branch shown, as seeded.
  if (patches % 2 === 1) await patch();
  return { depth: DEPTH, forkEvery: FORK_EVERY, stored: tree.stored, rows };
}
