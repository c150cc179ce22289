import type { Knex } from 'knex';
import type { Database } from '../../db/connect.js';
import type { ChatMessage } from '../../db/models/index.js';
import { MESSAGE_FACTS_COLUMNS } from './branch-sql.js';

/** A message row as the tree queries return it: the stored columns, its siblings, its feedback. */
export interface MessageFactsRow extends Record<string, unknown> {
  id: string;
  sibling_ids: string[] | null;
  feedback_rating: 'up' | 'down' | null;
  feedback_comment: string | null;
  feedback_tags: string[] | null;
  feedback_updated_at: Date | string | null;
}

/** Messages with their facts (siblings, feedback): a query to narrow with `where` on `m.`. */
export function messagesWithFacts(db: Database): Knex.QueryBuilder {
  return db('ai_chat_messages as m')
    .leftJoin('ai_message_feedback as f', 'f.message_id', 'm.id')
    .select('m.*', db.raw(MESSAGE_FACTS_COLUMNS));
}

export function fromFactsRow(row: MessageFactsRow): ChatMessage {
  const {
    sibling_ids: siblingIds,
    feedback_rating: rating,
    feedback_comment: comment,
    feedback_tags: tags,
    feedback_updated_at: updatedAt,
    ...stored
  } = row;
  const message = stored as unknown as ChatMessage;
  message.sibling_ids = siblingIds ?? [row.id];
  message.feedback =
    rating && updatedAt ? { rating, comment, tags: tags ?? [], updated_at: updatedAt } : null;
  return message;
}

/** `message` with the facts of `source`, the same message read with them (a later row lacks them). */
export function withFactsOf(message: ChatMessage, source: ChatMessage): ChatMessage {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(message)), message) as ChatMessage;
  if (source.sibling_ids) copy.sibling_ids = source.sibling_ids;
  if (source.feedback !== undefined) copy.feedback = source.feedback;
  return copy;
}
