/** Conversation trees written straight into the database, for tests that need a given shape. */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/connect.js';

/** A message row for `insertBranch`: what the test cares about; the rest is filled in. */
export interface ChainRow {
  id?: string;
  role: 'user' | 'assistant';
  content: string;
  status?: 'complete' | 'streaming' | 'stopped' | 'error';
  [column: string]: unknown;
}

/**
 * Inserts `rows` into a session as one branch below `parentId` (null: from a new root), as sends
 * would have left them: each row's parent is the row before it (a reply also answers it), the
 * session counts them, and the last becomes its current leaf. Returns the rows' ids, in order.
 */
export async function insertBranch(
  db: Database,
  sessionId: string,
  rows: ChainRow[],
  parentId: string | null = null,
): Promise<string[]> {
  const { user_id: userId } = await db('ai_chat_sessions').where({ id: sessionId }).first();
  let parent = parentId;
  const stored = rows.map((row) => {
    const id = row.id ?? randomUUID();
    const replyTo = row.role === 'assistant' ? parent : null;
    const full = { status: 'complete', reply_to_message_id: replyTo, ...row, id };
    const message = { ...full, session_id: sessionId, user_id: userId, parent_id: parent };
    parent = id;
    return message;
  });
  // Rows of one VALUES list take their serial numbers in order: "newest" is the later row.
  await db('ai_chat_messages').insert(stored);
  await db('ai_chat_sessions')
    .where({ id: sessionId })
    .update({
      current_message_id: parent,
      message_count: db.raw('message_count + ?', [rows.length]),
    });
  return stored.map((row) => row.id);
}

/** `count` messages alternating user / assistant, `label` then their index as content. */
export function alternating(count: number, label = 'm', first: 'user' | 'assistant' = 'user') {
  const other = first === 'user' ? 'assistant' : 'user';
  return Array.from({ length: count }, (_, i) => ({
    role: i % 2 === 0 ? first : other,
    content: `${label}${i}`,
  })) as ChainRow[];
}
