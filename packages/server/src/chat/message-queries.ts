import type { Database } from '../db/connect.js';
import type { ChatMessage } from '../db/models/index.js';
import { NotFoundError } from '../errors.js';
import {
  BranchQueries,
  type BranchTurn,
  type HistoryRequest,
  type MessagePage,
  type PageRequest,
} from './tree/branch-queries.js';
import { fromFactsRow, messagesWithFacts, type MessageFactsRow } from './tree/message-facts.js';

export type { MessagePage };

export interface MessageQueriesOptions {
  db: Database;
  /** How many messages of a branch Claude's context is built from. */
  contextMessages: number;
}

/**
 * Reading messages: a page of a branch, a branch's history for Claude, one message of a user.
 * Every message comes with its facts (siblings, feedback). Writes nothing.
 */
export class MessageQueries {
  private readonly db: Database;
  readonly branches: BranchQueries;

  constructor(options: MessageQueriesOptions) {
    this.db = options.db;
    this.branches = new BranchQueries(options.db, options.contextMessages);
  }

  /** The branch's newest messages, oldest first, for Claude (see BranchQueries.branchHistory). */
  branchHistory(request: HistoryRequest): Promise<BranchTurn[]> {
    return this.branches.branchHistory(request);
  }

  list(userId: string, sessionId: string, page: PageRequest): Promise<MessagePage> {
    return this.branches.page(userId, sessionId, page);
  }

  /** The user message a reply answers. */
  async promptOf(reply: ChatMessage): Promise<ChatMessage | undefined> {
    if (!reply.reply_to_message_id) return undefined;
    return this.findOne({ 'm.id': reply.reply_to_message_id });
  }

  /** An assistant message of this user; user messages have no reply stream to follow. */
  async findOwnReply(userId: string, messageId: string): Promise<ChatMessage> {
    const message = await this.findOwnMessage(userId, messageId);
    if (message.role !== 'assistant') throw new NotFoundError('Reply');
    return message;
  }

  async findOwnMessage(userId: string, messageId: string): Promise<ChatMessage> {
    const message = await this.findOne({ 'm.id': messageId, 'm.user_id': userId });
    if (!message) throw new NotFoundError('Message');
    return message;
  }

  /** The message a send (user message) or a regenerate (reply) stored with this key, if any. */
  async findByClientMessageId(
    sessionId: string,
    clientMessageId: string,
  ): Promise<ChatMessage | undefined> {
    return this.findOne({ 'm.session_id': sessionId, 'm.client_message_id': clientMessageId });
  }

  /** A message of this session, if it is one. */
  async inSession(sessionId: string, messageId: string): Promise<ChatMessage | undefined> {
    return this.findOne({ 'm.id': messageId, 'm.session_id': sessionId });
  }

  /** The first reply stored for a user message: the one its send created. */
  async replyTo(userMessageId: string): Promise<ChatMessage | undefined> {
    const row = (await messagesWithFacts(this.db)
      .where({ 'm.reply_to_message_id': userMessageId })
      .orderBy('m.seq')
      .first()) as MessageFactsRow | undefined;
    return row && fromFactsRow(row);
  }

  private async findOne(where: Record<string, string>): Promise<ChatMessage | undefined> {
    const row = (await messagesWithFacts(this.db).where(where).first()) as
      MessageFactsRow | undefined;
    return row && fromFactsRow(row);
  }
}
