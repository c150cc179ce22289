import type { Database } from '../../db/connect.js';
import type { ChatMessage } from '../../db/models/index.js';
import { InvalidRequestError } from '../../errors.js';
import type { PairIds, PersonaIds, SendInput, SentPair } from './types.js';

/** What the assistant row of a new pair says about the reply about to generate. */
export interface PendingReply {
  model: string;
  recordedAs: PersonaIds;
  ownerInstance: string;
  leaseExpiresAt: Date;
}

/**
 * Stage "persist the pair": the user message after `parentId` (null: a new root) and its
 * "streaming" reply, the session touched (the reply is its new leaf), and the siblings of both, in
 * one statement (a CTE): atomic without a transaction, and one round trip (one commit) on the
 * path to the first token. Rows of one VALUES list take their serial numbers in order, so the
 * reply sorts after its prompt.
 */
export function pairInsert(
  db: Database,
  input: SendInput,
  ids: PairIds,
  reply: PendingReply,
  parentId: string | null,
) {
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
        attachment_ids: input.attachmentIds?.length ? input.attachmentIds : null,
        parent_id: parentId,
        reply_to_message_id: null,
        model: null,
        ...personaColumns(null),
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
        attachment_ids: null,
        parent_id: ids.user,
        reply_to_message_id: ids.user,
        model: reply.model,
        ...personaColumns(reply.recordedAs),
        owner_instance: reply.ownerInstance,
        lease_expires_at: reply.leaseExpiresAt,
        created_at: replyCreatedAt,
      },
    ])
    .returning('*');
  return db
    .with('inserted', inserted)
    .with('touched', sessionTouch(db, input.sessionId, 2, ids.assistant, replyCreatedAt, now))
    .select('inserted.*', db.raw(`${EARLIER_SIBLINGS} AS sibling_ids`))
    .from('inserted')
    .orderBy('seq');
}

/** The columns a reply records its persona and experiment variant in; a user message's are null. */
export function personaColumns(recordedAs: PersonaIds | null) {
  return {
    persona_id: recordedAs?.personaId ?? null,
    experiment_id: recordedAs?.experimentId ?? null,
    variant_id: recordedAs?.variantId ?? null,
  };
}

/**
 * The session's side of new messages, in the same statement: counted, the newest reply its
 * current leaf, and moved to the top of the list.
 */
export function sessionTouch(
  db: Database,
  sessionId: string,
  added: number,
  leafId: string,
  lastMessageAt: Date,
  now: Date,
) {
  return db('ai_chat_sessions')
    .where({ id: sessionId })
    .update({
      message_count: db.raw(`message_count + ${added}`),
      current_message_id: leafId,
      activity_seq: db.raw("nextval('ai_chat_activity_seq')"),
      last_message_at: lastMessageAt,
      updated_at: now,
    })
    .returning('id');
}

/**
 * The ids of the messages beside an inserted row written before it (the statement's snapshot does
 * not hold the new rows): oldest first, the row's own id to be appended.
 */
export const EARLIER_SIBLINGS = `(SELECT coalesce(array_agg(s.id::text ORDER BY s.seq), '{}')
    FROM ai_chat_messages s
   WHERE coalesce(s.parent_id, s.session_id) = coalesce(inserted.parent_id, inserted.session_id)
     AND s.session_id = inserted.session_id)`;

/** A row returned beside EARLIER_SIBLINGS, with its full `sibling_ids` and no feedback yet. */
export function withOwnSibling(row: ChatMessage): ChatMessage {
  row.sibling_ids = [...(row.sibling_ids ?? []), row.id];
  row.feedback = null;
  return row;
}

export async function persistPair(
  db: Database,
  input: SendInput,
  ids: PairIds,
  reply: PendingReply,
  parentId: string | null,
): Promise<SentPair> {
  const attachmentIds = input.attachmentIds ?? [];
  const rows = (
    attachmentIds.length === 0
      ? await pairInsert(db, input, ids, reply, parentId)
      : await db.transaction(async (trx) => {
          const inserted = await pairInsert(trx, input, ids, reply, parentId);
          await claimAttachments(trx, input.userId, ids.user, input.sessionId, attachmentIds);
          return inserted;
        })
  ) as ChatMessage[];
  const [userMessage, assistantMessage] = rows.map(withOwnSibling);
  return { userMessage: userMessage!, assistantMessage: assistantMessage! };
}

/**
 * The uploads become the message's, in the pair's transaction: only those still unsent, so that two
 * sends racing for one file cannot both have it (the loser's pair is rolled back, and it is told).
 */
async function claimAttachments(
  trx: Database,
  userId: string,
  messageId: string,
  sessionId: string,
  attachmentIds: string[],
): Promise<void> {
  const claimed = (await trx('ai_attachments')
    .whereIn('id', attachmentIds)
    .andWhere({ user_id: userId })
    .whereNull('message_id')
    .update({ message_id: messageId, session_id: sessionId })
    .returning('id')) as unknown[];
  if (claimed.length !== attachmentIds.length) {
    throw new InvalidRequestError(
      'An attachment was already sent with another message; upload it again.',
      { field: 'attachment_ids' },
    );
  }
}
