/**
 * The SQL that reads the conversation tree, as texts with `?` bindings, so that the bench runs
 * exactly what the server runs. A branch is walked up through `parent_id` (one primary-key probe
 * per message, whatever the depth); siblings and children are one range of
 * `ai_chat_messages_sibling_idx`, whose key `coalesce(parent_id, session_id)` names a session's
 * roots by the session's id.
 */

/**
 * The columns every message read adds for the API (`m` is the message, `f` its feedback, joined
 * `ON f.message_id = m.id`). Ids are aggregated as text: uuid[] parses differently in `pg` and PGlite.
 */
export const MESSAGE_FACTS_COLUMNS = `
  (SELECT array_agg(s.id::text ORDER BY s.seq) FROM ai_chat_messages s
    WHERE coalesce(s.parent_id, s.session_id) = coalesce(m.parent_id, m.session_id)
      AND s.session_id = m.session_id) AS sibling_ids,
  f.rating AS feedback_rating, f.comment AS feedback_comment, f.tags AS feedback_tags,
  f.updated_at AS feedback_updated_at`;

/**
 * The stored columns a page answers with (chat/dto.ts's Message, and its files' ids): named, not
 * `*`, so that a page parses no column it drops and a prepared page keeps its shape when a
 * migration adds one.
 */
const PAGE_COLUMNS = [
  'id',
  'session_id',
  'parent_id',
  'role',
  'content',
  'status',
  'tokens',
  'latency_ms',
  'client_message_id',
  'model',
  'attachment_ids',
  'created_at',
];
const columnsOf = (table: string) => PAGE_COLUMNS.map((column) => `${table}.${column}`).join(', ');

/**
 * A page of a branch: the anchor message and its ancestors, at most `limit + 1` of them (the one
 * past the limit says there is more), root first. `anchor` is an SQL expression for its id.
 */
function branchPageSql(anchor: string): string {
  return `
WITH RECURSIVE branch AS (
  SELECT ${columnsOf('a')}, 1 AS step FROM ai_chat_messages a
   WHERE a.id = ${anchor} AND a.session_id = ?
  UNION ALL
  SELECT ${columnsOf('p')}, b.step + 1 FROM branch b
    JOIN ai_chat_messages p ON p.id = b.parent_id AND p.session_id = b.session_id
   WHERE b.step <= ?
)
SELECT ${columnsOf('m')}, ${MESSAGE_FACTS_COLUMNS}
  FROM branch m LEFT JOIN ai_message_feedback f ON f.message_id = m.id
 ORDER BY m.step DESC`;
}

/** A page up from a given message. Bindings: anchor id, session id, limit. */
export const BRANCH_PAGE_SQL = branchPageSql('?');

/**
 * The newest page of the session's current branch, in one statement with the session's own read:
 * no rows when the session is not the user's, or is empty. Bindings: session id, user id, session
 * id, limit.
 */
export const CURRENT_BRANCH_PAGE_SQL = branchPageSql(
  '(SELECT s.current_message_id FROM ai_chat_sessions s WHERE s.id = ? AND s.user_id = ?)',
);

/**
 * The page before a message (its parent and up), in one statement with the checks that the message
 * is of the session and the session the user's: no rows when either is not, or the message is a
 * root. Bindings: message id, session id, user id, session id, limit.
 */
export const PAGE_BEFORE_SQL = branchPageSql(
  `(SELECT x.parent_id FROM ai_chat_messages x JOIN ai_chat_sessions s ON s.id = x.session_id
     WHERE x.id = ? AND x.session_id = ? AND s.user_id = ?)`,
);

const DESCENDANTS_CTE = `down AS (
  SELECT m.id, 0 AS depth FROM ai_chat_messages m WHERE m.id = ? AND m.session_id = ?
  UNION ALL
  SELECT (SELECT x.id FROM ai_chat_messages x
           WHERE coalesce(x.parent_id, x.session_id) = d.id
           ORDER BY x.seq DESC LIMIT 1),
         d.depth + 1
    FROM down d WHERE d.id IS NOT NULL
)`;
const NEWEST_OF_DOWN = 'SELECT id FROM down WHERE id IS NOT NULL ORDER BY depth DESC LIMIT 1';

/**
 * `?leaf=`: the newest page of the branch through a message, down to its newest descendant (the
 * newest child, the one written last, at each step, to a message without children), in
 * one statement with the checks that the message is of the session and the session the user's:
 * no rows when either is not. Bindings: message id, session id, session id, user id, session id,
 * limit.
 */
export const LEAF_PAGE_SQL = branchPageSql(`(WITH RECURSIVE ${DESCENDANTS_CTE}
   SELECT id FROM down WHERE id IS NOT NULL
      AND EXISTS (SELECT 1 FROM ai_chat_sessions s WHERE s.id = ? AND s.user_id = ?)
    ORDER BY depth DESC LIMIT 1)`);

/**
 * Switches a session's branch: its current leaf becomes the newest descendant of a message of
 * it, with `sets` (other `column = ?` changes) in the same statement; no row when the message is
 * not of the session or the session not of the user. Bindings: message id, session id, those of
 * `sets`, session id, user id.
 */
export function switchBranchSql(sets: string[]): string {
  return `WITH RECURSIVE ${DESCENDANTS_CTE}
UPDATE ai_chat_sessions
   SET current_message_id = (${NEWEST_OF_DOWN}), ${[...sets, "activity_seq = nextval('ai_chat_activity_seq')", 'updated_at = now()'].join(', ')}
 WHERE id = ? AND user_id = ? AND EXISTS (SELECT 1 FROM down)
RETURNING *`;
}

/**
 * What Claude is sent: the newest `limit` messages of the branch through the anchor, newest first;
 * the anchor is the given message or, when that is null, the session's current leaf. Scoped to
 * the user, so that it can run beside the session's own read. Bindings: anchor id (or null),
 * session id, user id, session id, user id, limit.
 */
export const BRANCH_HISTORY_SQL = `
WITH RECURSIVE branch AS (
  SELECT a.id, a.session_id, a.parent_id, a.role, a.content, a.status, a.attachment_ids, 1 AS step
    FROM ai_chat_messages a
   WHERE a.id = coalesce(?::uuid, (SELECT s.current_message_id FROM ai_chat_sessions s
                                     WHERE s.id = ? AND s.user_id = ?))
     AND a.session_id = ? AND a.user_id = ?
  UNION ALL
  SELECT p.id, p.session_id, p.parent_id, p.role, p.content, p.status, p.attachment_ids, b.step + 1
    FROM branch b
    JOIN ai_chat_messages p ON p.id = b.parent_id AND p.session_id = b.session_id
   WHERE b.step < ?
)
SELECT id, parent_id, role, content, status, attachment_ids FROM branch ORDER BY step`;
