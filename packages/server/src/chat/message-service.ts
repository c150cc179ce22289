import { randomUUID } from 'node:crypto';
import type { Database } from '../db/connect.js';
import { uniqueViolation } from '../db/errors.js';
import type { ChatSession } from '../db/models/index.js';
import { ChatMessage } from '../db/models/index.js';
import { ConflictError, InvalidRequestError, NotFoundError, UpstreamError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { redactSecrets } from '../observability/redact-secrets.js';
import type { Metrics } from '../observability/metrics.js';
import type { BreakerPermit } from '../llm/circuit-breaker.js';
import type { ClaudeGateway } from '../llm/claude-gateway.js';
import { buildClaudeContext, type StoredTurn } from '../llm/context-builder.js';
import type { GenerationUsage } from '../llm/reply-generator.js';
import { systemPromptFor } from '../llm/system-prompts.js';
import { toMessageDto, type MessageDto } from './dto.js';
import type { ReplyFeed } from './reply/feed.js';
import { followStoredReply } from './reply/follower.js';
import type { ReplyRegistry } from './reply/registry.js';
import { KeyedLock, settledInOrder } from './concurrency.js';
import { sameHistory, type ConversationCache } from './conversation-cache.js';
import { replyRunFactory, type CreateReplyRun, type ReplyRun } from './reply/run.js';
import type { ReplyStore } from './reply/store.js';
import type { SessionService } from './session-service.js';

const CLIENT_MESSAGE_ID_CONSTRAINT = 'ai_chat_messages_session_client_message_id_unique';
const ONE_STREAMING_CONSTRAINT = 'ai_chat_messages_one_streaming_per_session';

export interface SendInput {
  userId: string;
  sessionId: string;
  content: string;
  clientMessageId?: string | undefined;
}

/** A stored user message and its reply; `run` is set while the reply generates in this process. */
export interface SentPair {
  userMessage: ChatMessage;
  assistantMessage: ChatMessage;
}

export interface MessagePage {
  data: MessageDto[];
  has_more: boolean;
}

export interface MessageServiceOptions {
  contextMessages: number;
  flushIntervalMs: number;
  instanceId: string;
  /**
   * Call Claude while the send is still being stored (and, with a remembered conversation, before
   * it is read), never showing or storing reply text before the pair is committed. Off: the pair is
   * committed first, then Claude is called.
   */
  callBeforeStored: boolean;
}

/** Where a reply belongs and what Claude is told. */
interface ReplyTarget {
  sessionId: string;
  userId: string;
  system: string;
  clientMessageId?: string | undefined;
}

/** A reply asked for before the send's reads came back; used only if they match what it assumed. */
interface EarlyReply {
  run: ReplyRun;
  permit: BreakerPermit;
  ids: { user: string; assistant: string };
  assumed: { system: string; history: StoredTurn[] };
  /** Hands the run its fate: the insert's outcome, or a rejection that ends it unseen. */
  settle(stored: Promise<unknown>): void;
}

/** Sending, listing, stopping and following messages. Knows nothing of HTTP. */
export class MessageService {
  private readonly sendLocks = new KeyedLock();
  private readonly createReplyRun: CreateReplyRun;

  constructor(
    private readonly db: Database,
    private readonly sessions: SessionService,
    private readonly gateway: ClaudeGateway,
    private readonly store: ReplyStore,
    private readonly registry: ReplyRegistry,
    private readonly conversations: ConversationCache,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
    private readonly options: MessageServiceOptions,
  ) {
    this.createReplyRun = replyRunFactory({
      gateway,
      store,
      flushIntervalMs: options.flushIntervalMs,
    });
  }

  /**
   * Stores the user message and a "streaming" reply, then starts generating it. A repeated
   * client_message_id returns the stored pair (or regenerates a reply that failed) instead.
   */
  async send(input: SendInput): Promise<SentPair> {
    return this.sendLocks.run(input.sessionId, () => this.sendInSession(input));
  }

  /**
   * Runs one at a time per session in this process, until the pair is committed: a concurrent
   * repeat then finds the stored pair instead of racing it, and never reaches Claude.
   */
  private async sendInSession(input: SendInput): Promise<SentPair> {
    const early = this.startEarly(input);
    let earlySettled = false;
    const cancelEarly = () => {
      if (!early || earlySettled) return;
      earlySettled = true;
      // Give the breaker its permit back now, not once the abort has reached Claude: while the
      // circuit half-opens it is the one trial, and the usual path may need it right away.
      early.permit.released();
      early.settle(Promise.reject(new Error('the send was not as assumed')));
      this.metrics.speculativeStarts.inc({ outcome: 'cancelled' });
      this.conversations.delete(input.sessionId); // wrong once: learn it again from the database
    };
    try {
      // The early request is built over a few microtasks: let it reach the socket before the reads.
      if (early) await new Promise((resolve) => setImmediate(resolve));
      // Read beside each other (all scoped to the user's session) to save round trips.
      const [session, history, repeat] = await settledInOrder(
        this.sessions.find(input.userId, input.sessionId),
        this.recentHistory(input.sessionId, input.userId),
        input.clientMessageId
          ? this.findRepeat(input.sessionId, input)
          : Promise.resolve(undefined),
      );
      if (repeat) {
        cancelEarly(); // before resumeRepeat asks the breaker for a permit of its own
        return await this.resumeRepeat(session, repeat);
      }
      if (this.registry.isGenerating(session.id)) throw this.replyInProgress();

      const target = replyTarget(session, input.clientMessageId);
      let stored: Promise<SentPair>;
      if (
        early &&
        early.assumed.system === target.system &&
        sameHistory(early.assumed.history, history)
      ) {
        earlySettled = true;
        this.metrics.speculativeStarts.inc({ outcome: 'used' });
        stored = this.insertPair(session, input, early.ids);
        this.registry.add(early.run);
        early.settle(stored);
      } else {
        cancelEarly();
        const permit = this.gateway.acquirePermit(); // 503 while open, before anything is stored
        const ids = newPairIds();
        stored = this.insertPair(session, input, ids);
        if (!this.options.callBeforeStored) {
          try {
            await stored;
          } catch (error) {
            permit.released();
            throw error;
          }
        }
        // Claude is asked while the pair commits: the commit is off the path to the first token.
        const turns = withPrompt(history, input.content);
        this.registry.add(this.createRun(target, ids.assistant, permit, turns, stored, true));
      }
      return await stored;
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === CLIENT_MESSAGE_ID_CONSTRAINT) {
        const raced = await this.findRepeat(input.sessionId, input);
        if (raced)
          return this.resumeRepeat(await this.sessions.find(input.userId, input.sessionId), raced);
      }
      if (constraint === ONE_STREAMING_CONSTRAINT) throw this.replyInProgress();
      throw error;
    } finally {
      cancelEarly();
    }
  }

  /**
   * Asks Claude right away with the conversation as this process last saw it (its own sends and
   * replies), so the database reads are off the path to the first token. The reply stays unseen and
   * unregistered until the reads confirm the assumption; otherwise it is cancelled before its first
   * byte reaches anyone, and the send goes on the usual way.
   */
  private startEarly(input: SendInput): EarlyReply | undefined {
    if (!this.options.callBeforeStored) return undefined;
    const known = this.conversations.get(input.sessionId, input.userId);
    if (!known || this.registry.isGenerating(input.sessionId)) return undefined;
    // A retry finds its stored pair: asking Claude for it would be a wasted call.
    if (input.clientMessageId && known.clientMessageIds.includes(input.clientMessageId)) {
      return undefined;
    }
    let permit: BreakerPermit;
    try {
      permit = this.gateway.acquirePermit();
    } catch {
      return undefined; // the usual path reports the open circuit, after checking the session
    }
    const ids = newPairIds();
    let settle!: (stored: Promise<unknown>) => void;
    const stored = new Promise<unknown>((resolve) => (settle = resolve));
    const turns = withPrompt(known.history, input.content);
    const target = {
      sessionId: input.sessionId,
      userId: input.userId,
      system: known.system,
      clientMessageId: input.clientMessageId,
    };
    const run = this.createRun(target, ids.assistant, permit, turns, stored, true);
    return { run, permit, ids, assumed: { system: known.system, history: known.history }, settle };
  }

  /** The session's latest messages, oldest first, for Claude's context. */
  private async recentHistory(
    sessionId: string,
    userId: string,
    beforeSeq?: string | number,
  ): Promise<StoredTurn[]> {
    const query = ChatMessage.query(this.db)
      .select('role', 'content', 'status')
      .where({ session_id: sessionId, user_id: userId })
      .orderBy('seq', 'desc')
      .limit(this.options.contextMessages);
    if (beforeSeq !== undefined) query.where('seq', '<', beforeSeq);
    return (await query).reverse();
  }

  /** Waits for a reply to finish; a reply that failed before any text answers 502. */
  async awaitReply(pair: SentPair): Promise<SentPair> {
    const run = this.registry.get(pair.assistantMessage.id);
    const finished = run ? await run.done : await this.waitForRemoteReply(pair.assistantMessage.id);
    if (!finished) throw new NotFoundError('Session');
    if (finished.status === 'error') {
      // A failure a retry cannot fix (an unknown model) is named; any other is worth a retry.
      const report = run?.failureReport;
      const message =
        report && !report.retryable
          ? report.message
          : 'Claude failed to answer; retry with the same client_message_id.';
      throw new UpstreamError(message, {
        user_message_id: pair.userMessage.id,
        assistant_message_id: finished.id,
      });
    }
    return { userMessage: pair.userMessage, assistantMessage: finished };
  }

  /** A feed of the reply's events after `fromOffset`, live if it is still generating. */
  async follow(userId: string, messageId: string, fromOffset: number): Promise<ReplyFeed> {
    const message = await this.findOwnMessage(userId, messageId);
    return this.feedFor(message, fromOffset);
  }

  feedFor(message: ChatMessage, fromOffset: number): ReplyFeed {
    const run = this.registry.get(message.id);
    if (run) {
      this.registry.adopted(message.id);
      return run.subscribe(fromOffset);
    }
    return followStoredReply(this.store, message, fromOffset);
  }

  async stop(userId: string, messageId: string): Promise<MessageDto> {
    const message = await this.findOwnMessage(userId, messageId);
    if (message.status !== 'streaming') return toMessageDto(message);
    const run = this.registry.get(messageId);
    if (run) {
      const stopped = await run.stop('user');
      if (stopped) return toMessageDto(stopped);
    }
    // Generating on another instance: finish it here; its owner sees that at its next checkpoint.
    const finished = await this.store.finish(messageId, {
      status: 'stopped',
      content: message.content,
      tokens: message.tokens,
      latencyMs: message.latency_ms,
      stopReason: 'user',
    });
    const current = finished ?? (await this.store.load(messageId));
    if (!current) throw new NotFoundError('Message');
    return toMessageDto(current);
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

  /**
   * Stores the user message and its "streaming" reply and touches the session, in one statement:
   * atomic without a transaction, and one round trip (one commit) on the path to the first token.
   */
  private async insertPair(
    session: ChatSession,
    input: SendInput,
    ids: { user: string; assistant: string },
  ): Promise<SentPair> {
    const now = new Date();
    const userMessageId = ids.user;
    const rows = [
      {
        id: userMessageId,
        session_id: session.id,
        user_id: input.userId,
        role: 'user',
        content: input.content,
        status: 'complete',
        client_message_id: input.clientMessageId ?? null,
        reply_to_message_id: null,
        model: null,
        owner_instance: null,
        lease_expires_at: null,
        created_at: now,
        updated_at: now,
      },
      {
        id: ids.assistant,
        session_id: session.id,
        user_id: input.userId,
        role: 'assistant',
        content: '',
        status: 'streaming',
        client_message_id: null,
        reply_to_message_id: userMessageId,
        model: this.gateway.model,
        owner_instance: this.options.instanceId,
        lease_expires_at: this.store.leaseExpiry(),
        created_at: new Date(now.getTime() + 1),
        updated_at: now,
      },
    ];
    // Rows of one VALUES list take their serial numbers in order: the reply sorts after its prompt.
    const insert = this.db('ai_chat_messages').insert(rows).returning('*').toSQL().toNative();
    const result = await this.db.raw(
      `WITH inserted AS (${insert.sql.replace(/\$(\d+)/g, '?')}),
            touched AS (
              UPDATE ai_chat_sessions
                 SET message_count = message_count + 2,
                     activity_seq = nextval('ai_chat_activity_seq'),
                     last_message_at = ?, updated_at = ?
               WHERE id = ?
              RETURNING id)
       SELECT * FROM inserted ORDER BY seq`,
      [...insert.bindings, rows[1]!.created_at, now, session.id],
    );
    const [userMessage, assistantMessage] = (result as { rows: ChatMessage[] }).rows;
    return { userMessage: userMessage!, assistantMessage: assistantMessage! };
  }

  private async findRepeat(sessionId: string, input: SendInput): Promise<SentPair | undefined> {
    const userMessage = await ChatMessage.query(this.db).findOne({
      session_id: sessionId,
      client_message_id: input.clientMessageId!,
    });
    if (!userMessage) return undefined;
    if (userMessage.content !== input.content) {
      throw new ConflictError(
        'This client_message_id was already used for a different message in this session.',
      );
    }
    const assistantMessage = await ChatMessage.query(this.db).findOne({
      reply_to_message_id: userMessage.id,
    });
    if (!assistantMessage) throw new NotFoundError('Message');
    return { userMessage, assistantMessage };
  }

  /** A repeat of a send: the pair as stored, or, when its reply failed, the same reply generated again. */
  private async resumeRepeat(session: ChatSession, pair: SentPair): Promise<SentPair> {
    if (pair.assistantMessage.status !== 'error') return pair;
    const permit = this.gateway.acquirePermit();
    let restarted: ChatMessage | undefined;
    try {
      const rows = await ChatMessage.query(this.db)
        .patch({
          status: 'streaming',
          content: '',
          tokens: null,
          latency_ms: null,
          stop_reason: null,
          owner_instance: this.options.instanceId,
          lease_expires_at: this.store.leaseExpiry(),
          updated_at: new Date(),
        })
        .where({ id: pair.assistantMessage.id, status: 'error' })
        .returning('*');
      restarted = (rows as unknown as ChatMessage[])[0];
    } catch (error) {
      permit.released();
      if (uniqueViolation(error) === ONE_STREAMING_CONSTRAINT) throw this.replyInProgress();
      throw error;
    }
    if (!restarted) {
      // Another request restarted it first: follow that one.
      permit.released();
      const current = await this.store.load(pair.assistantMessage.id);
      return { userMessage: pair.userMessage, assistantMessage: current ?? pair.assistantMessage };
    }
    let history: StoredTurn[];
    try {
      history = await this.recentHistory(session.id, session.user_id, restarted.seq);
    } catch (error) {
      permit.released();
      await this.store.finish(restarted.id, {
        status: 'error',
        content: '',
        tokens: null,
        latencyMs: null,
        stopReason: 'internal',
      });
      throw error;
    }
    // A reply regenerated in place may not be the latest message: forget what we assumed.
    this.conversations.delete(session.id);
    this.registry.add(
      this.createRun(replyTarget(session), restarted.id, permit, history, Promise.resolve(), false),
    );
    return { userMessage: pair.userMessage, assistantMessage: restarted };
  }

  private createRun(
    target: ReplyTarget,
    assistantMessageId: string,
    permit: BreakerPermit,
    history: StoredTurn[],
    stored: Promise<unknown>,
    rememberAfter: boolean,
  ): ReplyRun {
    const run = this.createReplyRun(
      {
        messageId: assistantMessageId,
        sessionId: target.sessionId,
        userId: target.userId,
        system: target.system,
        turns: buildClaudeContext(history, this.options.contextMessages),
        stored,
      },
      permit,
      {
        onFinished: (finishedRun, message, usage, error) => {
          this.registry.remove(finishedRun);
          if (message && rememberAfter) this.remember(target, history, message);
          this.recordFinished(message, usage, error);
        },
        onOrphaned: (orphan) => this.registry.orphaned(orphan),
        onError: (error) => this.logger.error({ err: error }, 'reply bookkeeping failed'),
      },
    );
    void run.start();
    return run;
  }

  /** The conversation as it stands after this reply, for the next send's early start. */
  private remember(target: ReplyTarget, history: StoredTurn[], reply: ChatMessage): void {
    const before = this.conversations.get(target.sessionId, target.userId);
    this.conversations.set(target.sessionId, {
      userId: target.userId,
      system: target.system,
      history: [...history, { role: 'assistant', content: reply.content, status: reply.status }],
      clientMessageIds: [
        ...(before?.clientMessageIds ?? []),
        ...(target.clientMessageId ? [target.clientMessageId] : []),
      ],
    });
  }

  private recordFinished(
    message: ChatMessage | undefined,
    usage: GenerationUsage,
    error: unknown,
  ): void {
    this.metrics.tokens.inc({ direction: 'input' }, usage.inputTokens);
    this.metrics.tokens.inc({ direction: 'output' }, usage.outputTokens);
    if (!message) return;
    this.metrics.replyDuration.observe(
      { status: message.status },
      (Date.now() - new Date(message.created_at).getTime()) / 1000,
    );
    if (error) {
      this.metrics.upstreamErrors.inc();
      this.logger.warn(
        {
          messageId: message.id,
          err: { name: (error as Error).name, message: redactSecrets((error as Error).message) },
        },
        'Claude call failed',
      );
    }
  }

  private async waitForRemoteReply(messageId: string): Promise<ChatMessage | undefined> {
    const feed = followStoredReply(this.store, (await this.store.load(messageId))!, 0);
    for await (const event of feed) {
      if (event.type !== 'delta') break;
    }
    return this.store.load(messageId);
  }

  private replyInProgress(): ConflictError {
    return new ConflictError(
      'A reply is still streaming in this session; wait for it or stop it first.',
    );
  }
}

function newPairIds(): { user: string; assistant: string } {
  return { user: randomUUID(), assistant: randomUUID() };
}

function replyTarget(session: ChatSession, clientMessageId?: string): ReplyTarget {
  return {
    sessionId: session.id,
    userId: session.user_id,
    system: systemPromptFor(session.mode, session.system_prompt),
    clientMessageId,
  };
}

/** The history Claude is sent: the stored turns, then the message being sent. */
function withPrompt(history: StoredTurn[], content: string): StoredTurn[] {
  return [...history, { role: 'user', content, status: 'complete' }];
}
