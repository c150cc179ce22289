import type { Database } from '../../db/connect.js';
import type { ChatMessage } from '../../db/models/index.js';
import {
  EARLIER_SIBLINGS,
  personaColumns,
  sessionTouch,
  withOwnSibling,
  type PendingReply,
} from './persist-pair.js';

/** Where a regenerated reply goes: another answer to `promptId`, in its session. */
export interface RegeneratedReply extends PendingReply {
  id: string;
  sessionId: string;
  userId: string;
  promptId: string;
  clientMessageId: string | undefined;
}

/**
 * Stage "persist the reply" of a regenerate: a "streaming" reply beside the prompt's others, the
 * session touched (the reply is its new leaf), and the reply's siblings, in one statement.
 */
export function replyInsert(db: Database, reply: RegeneratedReply) {
  const now = new Date();
  const inserted = db('ai_chat_messages')
    .insert({
      id: reply.id,
      session_id: reply.sessionId,
      user_id: reply.userId,
      role: 'assistant',
      content: '',
      status: 'streaming',
      client_message_id: reply.clientMessageId ?? null,
      parent_id: reply.promptId,
      reply_to_message_id: reply.promptId,
      model: reply.model,
      ...personaColumns(reply.recordedAs),
      owner_instance: reply.ownerInstance,
      lease_expires_at: reply.leaseExpiresAt,
      created_at: now,
      updated_at: now,
    })
    .returning('*');
  return db
    .with('inserted', inserted)
    .with('touched', sessionTouch(db, reply.sessionId, 1, reply.id, now, now))
    .select('inserted.*', db.raw(`${EARLIER_SIBLINGS} AS sibling_ids`))
    .from('inserted');
}

export async function persistReply(db: Database, reply: RegeneratedReply): Promise<ChatMessage> {
  const [row] = (await replyInsert(db, reply)) as ChatMessage[];
  return withOwnSibling(row!);
}
