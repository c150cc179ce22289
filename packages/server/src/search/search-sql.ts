import {
  containsPattern,
  spacelessExclusions,
  toTsquery,
  type SearchQuery,
} from './search-query.js';

/** A statement with named bindings (`:name`), for `db.raw`. */
export interface Statement {
  sql: string;
  bindings: Record<string, unknown>;
}

export interface SearchFilters {
  userId: string;
  mode?: string | undefined;
  status?: 'active' | 'archived' | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Where the previous page ended. */
  after?: SearchPosition | undefined;
  limit: number;
}

export interface SearchPosition {
  score: number;
  activitySeq: string;
}

/** Added to a title's rank: a title match comes before any message's (ts_rank stays below 1). */
const TITLE_WEIGHT = 1;
/** A match by substrings only has no word rank. */
const SUBSTRING_SCORE = 0.05;

/**
 * One statement: the user's matching messages (ai_message_search, migration 009) and titles, the
 * best hit per session, the sessions' filters, one keyset page. Every user value is a binding.
 */
export function searchStatement(query: SearchQuery, filters: SearchFilters): Statement {
  const bindings: Record<string, unknown> = { userId: filters.userId, limit: filters.limit + 1 };
  const bind = (name: string, value: unknown) => {
    bindings[name] = value;
    return `:${name}`;
  };
  const messageWords = toTsquery(query, { withExclusions: true });
  const titleWords = toTsquery(query, { withExclusions: false });
  const patterns = query.substrings.map((text, i) => bind(`sub${i}`, containsPattern(text)));

  const messageWhere = ['ms.user_id = :userId'];
  let messageScore = String(SUBSTRING_SCORE);
  if (messageWords) {
    const tsquery = `repruv_owned_tsquery(:userId, ${bind('messageWords', messageWords)})`;
    messageWhere.push(`ms.search_vector @@ ${tsquery}`);
    messageScore = `ts_rank(ms.search_vector, ${tsquery})`;
  }
  for (const pattern of patterns) messageWhere.push(`ms.spaceless_text ILIKE ${pattern}`);
  spacelessExclusions(query).forEach((text, i) => {
    const pattern = bind(`exclude${i}`, containsPattern(text));
    messageWhere.push(`(ms.spaceless_text IS NULL OR ms.spaceless_text NOT ILIKE ${pattern})`);
  });

  const titleWhere = ['t.user_id = :userId'];
  let titleScore = String(SUBSTRING_SCORE);
  if (titleWords) {
    const tsquery = `to_tsquery('repruv_search', ${bind('titleWords', titleWords)})`;
    titleWhere.push(`t.title_vector @@ ${tsquery}`);
    titleScore = `ts_rank(t.title_vector, ${tsquery})`;
  }
  for (const pattern of patterns) titleWhere.push(`t.title ILIKE ${pattern}`);

  if (filters.from) {
    const from = bind('from', filters.from);
    messageWhere.push(`ms.created_at >= ${from}`);
    titleWhere.push(`t.created_at >= ${from}`);
  }
  if (filters.to) {
    const to = bind('to', filters.to);
    messageWhere.push(`ms.created_at < ${to}`);
    titleWhere.push(`t.created_at < ${to}`);
  }

  const sessionWhere = ['true'];
  if (filters.mode) sessionWhere.push(`s.mode = ${bind('mode', filters.mode)}`);
  if (filters.status) sessionWhere.push(`s.status = ${bind('status', filters.status)}`);
  if (filters.after) {
    const score = bind('afterScore', filters.after.score);
    const seq = bind('afterSeq', filters.after.activitySeq);
    sessionWhere.push(`(b.score, s.activity_seq) < (${score}::float8, ${seq}::bigint)`);
  }

  const sql = `
WITH hits AS (
  SELECT ms.session_id, ms.message_id, (${messageScore})::float8 AS score
    FROM ai_message_search ms
   WHERE ${messageWhere.join(' AND ')}
  UNION ALL
  SELECT t.id, NULL, (${TITLE_WEIGHT} + ${titleScore})::float8
    FROM ai_chat_sessions t
   WHERE ${titleWhere.join(' AND ')}
), best AS (
  SELECT DISTINCT ON (session_id) session_id, message_id, score
    FROM hits ORDER BY session_id, score DESC, message_id
)
SELECT s.*, b.message_id AS hit_message_id, b.score AS hit_score
  FROM best b JOIN ai_chat_sessions s ON s.id = b.session_id
 WHERE ${sessionWhere.join(' AND ')}
 ORDER BY b.score DESC, s.activity_seq DESC
 LIMIT :limit`;
  return { sql, bindings };
}
