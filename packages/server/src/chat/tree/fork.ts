import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/connect.js';
import { foreignKeyViolation } from '../../db/errors.js';
import type { ChatSession } from '../../db/models/index.js';
import { InvalidRequestError, NotFoundError } from '../../errors.js';

export interface ForkRequest {
  userId: string;
  sessionId: string;
  /** The last message to copy: a finished reply of the session. */
  messageId: string;
  /** The new session's title; the source's when undefined. */
  title?: string | undefined;
}

/**
 * One statement: the branch from the root to the message, copied with new ids (parents mapped,
 * order kept) into a new session of the same mode whose leaf is the copy of the message. Both
 * inserts are checked against each other's rows at the statement's end, on both databases.
 * Bindings: message id, session id, user id, new session id, title (or null), session id, user id.
 */
const FORK_SQL = `
WITH RECURSIVE branch AS (
  SELECT a.*, 1 AS depth FROM ai_chat_messages a
   WHERE a.id = ? AND a.session_id = ? AND a.user_id = ?
  UNION ALL
  SELECT p.*, b.depth + 1 FROM branch b
    JOIN ai_chat_messages p ON p.id = b.parent_id AND p.session_id = b.session_id
),
copies AS MATERIALIZED (SELECT id AS old_id, gen_random_uuid() AS new_id FROM branch),
forked AS (
  INSERT INTO ai_chat_sessions (id, user_id, site_id, title, context_tags, system_prompt, mode,
                                status, message_count, current_message_id, last_message_at,
                                question_filed_at)
  SELECT ?, s.user_id, s.site_id, coalesce(?, s.title), s.context_tags, s.system_prompt, s.mode,
         'active',
         (SELECT count(*) FROM branch),
         (SELECT c.new_id FROM copies c JOIN branch b ON b.id = c.old_id WHERE b.depth = 1),
         (SELECT max(created_at) FROM branch),
         -- A fork's first question is a copy: the popular questions have it once already.
         now()
    FROM ai_chat_sessions s
   WHERE s.id = ? AND s.user_id = ? AND EXISTS (SELECT 1 FROM branch)
  RETURNING *
),
copied AS (
  INSERT INTO ai_chat_messages (id, session_id, user_id, role, content, status, tokens,
                                latency_ms, parent_id, reply_to_message_id, stop_reason, model,
                                created_at)
  SELECT c.new_id, f.id, b.user_id, b.role, b.content, b.status, b.tokens, b.latency_ms, p.new_id,
         CASE WHEN b.reply_to_message_id IS NULL THEN NULL ELSE p.new_id END,
         b.stop_reason, b.model, b.created_at
    FROM branch b
    JOIN copies c ON c.old_id = b.id
    LEFT JOIN copies p ON p.old_id = b.parent_id
   CROSS JOIN forked f
   ORDER BY b.depth DESC
  RETURNING id
)
SELECT * FROM forked`;

/** The message a fork ends with, checked before anything is counted or written. */
export async function checkForkable(db: Database, request: ForkRequest): Promise<void> {
  const [session, message] = await Promise.all([
    db('ai_chat_sessions').first('id').where({ id: request.sessionId, user_id: request.userId }),
    db('ai_chat_messages')
      .first('role', 'status')
      .where({ id: request.messageId, session_id: request.sessionId, user_id: request.userId }),
  ]);
  if (!session) throw new NotFoundError('Session');
  if (!message) throw new NotFoundError('Message');
  if (message.role !== 'assistant' || message.status === 'streaming') {
    throw new InvalidRequestError(
      'A fork ends with a reply (an assistant message) that has finished.',
      {
        field: 'message_id',
      },
    );
  }
}

/** Copies the branch into a new session (FORK_SQL); 404 when the source went meanwhile. */
export async function forkSession(db: Database, request: ForkRequest): Promise<ChatSession> {
  try {
    const { rows } = (await db.raw(FORK_SQL, [
      request.messageId,
      request.sessionId,
      request.userId,
      randomUUID(),
      request.title ?? null,
      request.sessionId,
      request.userId,
    ])) as { rows: ChatSession[] };
    if (!rows[0]) throw new NotFoundError('Session');
    return rows[0];
  } catch (error) {
    if (foreignKeyViolation(error)) throw new NotFoundError('Session');
    throw error;
  }
}
