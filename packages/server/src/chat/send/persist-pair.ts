import type { Database } from '../../db/connect.js';
import type { ChatMessage } from '../../db/models/index.js';
import type { PairIds, SendInput, SentPair } from './types.js';

/** What the assistant row of a new pair says about the reply about to generate. */
export interface PendingReply {
  model: string;
  ownerInstance: string;
  leaseExpiresAt: Date;
}

/**
 * Stage "persist the pair": the user message and its "streaming" reply, and the session touched,
 * in one statement (a CTE): atomic without a transaction, and one round trip (one commit) on the
 * path to the first token. Rows of one VALUES list take their serial numbers in order, so the
 * reply sorts after its prompt.
 */
export function pairInsert(db: Database, input: SendInput, ids: PairIds, reply: PendingReply) {
  const now = new Date();
  const replyCreatedAt = new Date(now.getTime() + 1);
  const common = { session_id: input.sessionId, user_id: input.userId, updated_at: now };
  const inserted = db('ai_chat_messages')
    .insert([
      {
        ...common,
        id: ids.user,
        role: 'user',
        content: input.content,
        status: 'complete',
        client_message_id: input.clientMessageId ?? null,
        parent_id: db('ai_chat_sessions')
          .select('current_message_id')
          .where({ id: input.sessionId }),
        reply_to_message_id: null,
        model: null,
        owner_instance: null,
        lease_expires_at: null,
        created_at: now,
      },
      {
        ...common,
        id: ids.assistant,
        role: 'assistant',
        content: '',
        status: 'streaming',
        client_message_id: null,
        parent_id: ids.user,
        reply_to_message_id: ids.user,
        model: reply.model,
        owner_instance: reply.ownerInstance,
        lease_expires_at: reply.leaseExpiresAt,
        created_at: replyCreatedAt,
      },
    ])
    .returning('*');
  const touched = db('ai_chat_sessions')
    .where({ id: input.sessionId })
    .update({
      message_count: db.raw('message_count + 2'),
      current_message_id: ids.assistant,
      activity_seq: db.raw("nextval('ai_chat_activity_seq')"),
      last_message_at: replyCreatedAt,
      updated_at: now,
    })
    .returning('id');
  return db
    .with('inserted', inserted)
    .with('touched', touched)
    .select('*')
    .from('inserted')
    .orderBy('seq');
}

export async function persistPair(
  db: Database,
  input: SendInput,
  ids: PairIds,
  reply: PendingReply,
): Promise<SentPair> {
  const [userMessage, assistantMessage] = (await pairInsert(
    db,
    input,
    ids,
    reply,
  )) as ChatMessage[];
  return { userMessage: userMessage!, assistantMessage: assistantMessage! };
}
