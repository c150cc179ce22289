/**
 * The server's own branch SQL (packages/server/src/chat/tree/branch-sql.ts), with pg's `$n`
 * placeholders for knex's `?`, so the bench times exactly the statements the server runs for a
 * page of history: the newest page, the page before a message, and `?leaf=`; prepared by name,
 * as the server's are on PostgreSQL (db/named-statements.ts).
 */
import type { Client, QueryResult } from 'pg';
import {
  CURRENT_BRANCH_PAGE_SQL,
  LEAF_PAGE_SQL,
  PAGE_BEFORE_SQL,
} from '../../packages/server/src/chat/tree/branch-sql.js';

function positional(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const CURRENT_SQL = positional(CURRENT_BRANCH_PAGE_SQL);
const BEFORE_SQL = positional(PAGE_BEFORE_SQL);
const LEAF_SQL = positional(LEAF_PAGE_SQL);

/** The newest `limit + 1` messages of the session's current branch, root first. */
export function currentPage(
  pg: Client,
  sessionId: string,
  userId: string,
  limit: number,
): Promise<QueryResult> {
  return pg.query({
    name: 'current',
    text: CURRENT_SQL,
    values: [sessionId, userId, sessionId, limit],
  });
}

/** The `limit + 1` nearest ancestors of `before` (itself excluded), root first. */
export function pageBefore(
  pg: Client,
  sessionId: string,
  userId: string,
  before: string,
  limit: number,
): Promise<QueryResult> {
  return pg.query({
    name: 'before',
    text: BEFORE_SQL,
    values: [before, sessionId, userId, sessionId, limit],
  });
}

/** What `?leaf=` runs: the page up from the leaf's newest descendant. */
export function leafPage(
  pg: Client,
  sessionId: string,
  userId: string,
  leaf: string,
  limit: number,
): Promise<QueryResult> {
  return pg.query({
    name: 'leaf',
    text: LEAF_SQL,
    values: [leaf, sessionId, sessionId, userId, sessionId, limit],
  });
}
