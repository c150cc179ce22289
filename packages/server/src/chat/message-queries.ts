import type { Database } from '../db/connect.js';
import { ChatMessage } from '../db/models/index.js';
import { InvalidRequestError, NotFoundError } from '../errors.js';
import type { StoredTurn } from '../llm/context-builder.js';
import { toMessageDto, type MessageDto } from './dto.js';
import type { SessionService } from './session-service.js';

export interface MessagePage {
  data: MessageDto[];
  has_more: boolean;
}

export interface MessageQueriesOptions {
  db: Database;
  sessions: SessionService;
  /** How many of a session's latest messages Claude's context is built from. */
  contextMessages: number;
}

/** Reading messages: a session's page, its recent history, one message of a user. Writes nothing. */
export class MessageQueries {
  private readonly db: Database;
  private readonly sessions: SessionService;
  private readonly contextMessages: number;

  constructor(options: MessageQueriesOptions) {
    this.db = options.db;
    this.sessions = options.sessions;
    this.contextMessages = options.contextMessages;
  }

  /** The session's latest messages (before `beforeSeq`, when given), oldest first, for Claude. */
  async recentHistory(
    sessionId: string,
    userId: string,
    beforeSeq?: string | number,
  ): Promise<StoredTurn[]> {
    const query = ChatMessage.query(this.db)
      .select('role', 'content', 'status')
      .where({ session_id: sessionId, user_id: userId })
      .orderBy('seq', 'desc')
      .limit(this.contextMessages);
    if (beforeSeq !== undefined) query.where('seq', '<', beforeSeq);
    return (await query).reverse();
  }

  async list(
    userId: string,
    sessionId: string,
    page: { limit: number; before?: string | undefined },
  ): Promise<MessagePage> {
    const session = await this.sessions.find(userId, sessionId);
    const query = ChatMessage.query(this.db)
      .where('session_id', session.id)
      .orderBy('seq', 'desc')
      .limit(page.limit + 1);
    if (page.before) {
      const anchor = await ChatMessage.query(this.db)
        .select('seq')
        .findOne({ id: page.before, session_id: session.id });
      if (!anchor) {
        throw new InvalidRequestError('`before` is not a message of this session.', {
          field: 'before',
        });
      }
      query.where('seq', '<', anchor.seq);
    }
    const rows = await query;
    const hasMore = rows.length > page.limit;
    return { data: rows.slice(0, page.limit).reverse().map(toMessageDto), has_more: hasMore };
  }

  /** The user message a reply answers. */
  async promptOf(reply: ChatMessage): Promise<ChatMessage | undefined> {
    if (!reply.reply_to_message_id) return undefined;
    return ChatMessage.query(this.db).findById(reply.reply_to_message_id);
  }

  /** An assistant message of this user; user messages have no reply stream to follow. */
  async findOwnReply(userId: string, messageId: string): Promise<ChatMessage> {
    const message = await this.findOwnMessage(userId, messageId);
    if (message.role !== 'assistant') throw new NotFoundError('Reply');
    return message;
  }

  async findOwnMessage(userId: string, messageId: string): Promise<ChatMessage> {
    const message = await ChatMessage.query(this.db).findOne({ id: messageId, user_id: userId });
    if (!message) throw new NotFoundError('Message');
    return message;
  }

  /** The user message sent in this session with this client_message_id, if any. */
  async findByClientMessageId(
    sessionId: string,
    clientMessageId: string,
  ): Promise<ChatMessage | undefined> {
    return ChatMessage.query(this.db).findOne({
      session_id: sessionId,
      client_message_id: clientMessageId,
    });
  }

  /** The reply stored for a user message. */
  async replyTo(userMessageId: string): Promise<ChatMessage | undefined> {
    return ChatMessage.query(this.db).findOne({ reply_to_message_id: userMessageId });
  }
}
