/**
 * The server's own branch SQL (packages/server/src/chat/tree/branch-sql.ts), with pg's `$n`
 * placeholders for knex's `?`, so the bench times exactly the statements the server runs.
 */
import type { Client, QueryResult } from 'pg';
import {
  BRANCH_PAGE_SQL,
  NEWEST_DESCENDANT_SQL,
} from '../../packages/server/src/chat/tree/branch-sql.js';

function positional(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const PAGE_SQL = positional(BRANCH_PAGE_SQL);
const DESCENDANT_SQL = positional(NEWEST_DESCENDANT_SQL);

/** The `limit + 1` nearest ancestors of `anchor` (itself included), root first. */
export function branchPage(
  pg: Client,
  sessionId: string,
  anchor: string,
  limit: number,
): Promise<QueryResult> {
  return pg.query(PAGE_SQL, [anchor, sessionId, limit]);
}

/** What `?leaf=` runs: the leaf's newest descendant, then the page up from it. */
export async function leafPage(
  pg: Client,
  sessionId: string,
  leaf: string,
  limit: number,
): Promise<QueryResult> {
  const { rows } = await pg.query(DESCENDANT_SQL, [leaf, sessionId]);
  return branchPage(pg, sessionId, rows[0].id, limit);
}
