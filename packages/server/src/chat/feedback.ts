import type { Database } from '../db/connect.js';
import { foreignKeyViolation } from '../db/errors.js';
import type { ChatMessage } from '../db/models/index.js';
import { ConflictError, InvalidRequestError, NotFoundError } from '../errors.js';

export interface FeedbackInput {
  userId: string;
  /** The guest's site, kept with the rating so that a site's replies can be compared. */
  siteId?: string | undefined;
  messageId: string;
  rating: 'up' | 'down';
  comment: string | null;
  tags: string[];
}

/**
 * Sets the rating of a finished reply of the user, replacing any earlier one whole, in one
 * statement that also keeps the reply's model, persona and experiment variant, and the session's
 * mode. False when no row qualified.
 */
async function upsert(db: Database, input: FeedbackInput): Promise<boolean> {
  const tags = input.tags.length
    ? db.raw(`ARRAY[${input.tags.map(() => '?').join(', ')}]::text[]`, input.tags)
    : db.raw("'{}'::text[]");
  const { rows } = (await db.raw(
    `INSERT INTO ai_message_feedback
       (message_id, user_id, session_id, site_id, rating, comment, tags, model, mode,
        persona_id, experiment_id, variant_id)
     SELECT m.id, m.user_id, m.session_id, ?, ?, ?, ?, m.model, s.mode,
            m.persona_id, m.experiment_id, m.variant_id
       FROM ai_chat_messages m JOIN ai_chat_sessions s ON s.id = m.session_id
      WHERE m.id = ? AND m.user_id = ? AND m.role = 'assistant' AND m.status <> 'streaming'
     ON CONFLICT (message_id) DO UPDATE
        SET rating = excluded.rating, comment = excluded.comment, tags = excluded.tags,
            model = excluded.model, mode = excluded.mode, site_id = excluded.site_id,
            persona_id = excluded.persona_id, experiment_id = excluded.experiment_id,
            variant_id = excluded.variant_id,
            updated_at = now()
     RETURNING message_id`,
    [input.siteId ?? null, input.rating, input.comment, tags, input.messageId, input.userId],
  )) as { rows: unknown[] };
  return rows.length > 0;
}

/** Ratings of replies (SPEC "Feedback on replies"); `find` reads a message of the user (404). */
export class FeedbackStore {
  constructor(
    private readonly db: Database,
    private readonly find: (userId: string, messageId: string) => Promise<ChatMessage>,
  ) {}

  /** 404 not the user's, 400 a user message, 409 a reply still streaming. */
  async set(input: FeedbackInput): Promise<void> {
    const stored = await upsert(this.db, input).catch((error: unknown) => {
      if (foreignKeyViolation(error)) return false; // the conversation went meanwhile
      throw error;
    });
    if (stored) return;
    const message = await this.find(input.userId, input.messageId);
    refuseUserMessage(message);
    if (message.status === 'streaming') {
      throw new ConflictError('This reply is still streaming; rate it once it has finished.');
    }
    throw new NotFoundError('Message'); // its conversation was deleted meanwhile
  }

  /** Removes the user's rating of a reply; fine when there was none. 404 / 400 as `set`. */
  async clear(userId: string, messageId: string): Promise<void> {
    const deleted = await this.db('ai_message_feedback')
      .where({ message_id: messageId, user_id: userId })
      .delete();
    if (deleted > 0) return;
    refuseUserMessage(await this.find(userId, messageId));
  }
}

function refuseUserMessage(message: ChatMessage): void {
  if (message.role === 'user') {
    throw new InvalidRequestError('Only a reply (an assistant message) can be rated.', {
      field: 'message_id',
    });
  }
}
