import type { AttachmentService } from '../attachments/attachment-service.js';
import { ContextFileLoader } from '../attachments/context-files.js';
import { fillAttachments } from '../attachments/message-attachments.js';
import type { Budgets } from '../budgets/budgets.js';
import type { Database } from '../db/connect.js';
import type { ChatMessage } from '../db/models/index.js';
import { NotFoundError, UpstreamError } from '../errors.js';
import type { ClaudeGateway } from '../llm/claude-gateway.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { ConversationCache } from './conversation-cache.js';
import { toMessageDto, type MessageDto } from './dto.js';
import { FeedbackStore, type FeedbackInput } from './feedback.js';
import { MessageQueries, type MessagePage } from './message-queries.js';
import type { PageRequest } from './tree/branch-queries.js';
import { withFactsOf } from './tree/message-facts.js';
import type { ReplyFeed } from './reply/feed.js';
import { followStoredReply } from './reply/follower.js';
import type { LiveRelay } from './reply/live-relay.js';
import type { ReplyRegistry } from './reply/registry.js';
import { replyRunFactory } from './reply/run.js';
import type { ReplyStore } from './reply/store.js';
import { ReplyAccounting } from './send/account.js';
import { Admission } from './send/admit.js';
import { SendPipeline } from './send/pipeline.js';
import type { RegenerateInput } from './send/regenerate.js';
import { Repeats } from './send/repeat.js';
import { ReplyLauncher } from './send/run-reply.js';
import type { SendInput, SentPair } from './send/types.js';
import type { SessionService } from './session-service.js';
import type { SessionTitler } from '../titles/session-titler.js';
import type { PersonaCatalog } from '../personas/persona-catalog.js';

export interface MessageServiceOptions {
  db: Database;
  attachments: AttachmentService;
  /** CHAT_CONTEXT_ATTACHMENTS: files whose bytes go to Claude again on each call. */
  contextAttachments: number;
  sessions: SessionService;
  gateway: ClaudeGateway;
  budgets: Budgets;
  store: ReplyStore;
  registry: ReplyRegistry;
  conversations: ConversationCache;
  personas: PersonaCatalog;
  metrics: Metrics;
  logger: Logger;
  contextMessages: number;
  flushIntervalMs: number;
  instanceId: string;
  /** See SendPipelineOptions.callBeforeStored (CHAT_SPECULATIVE_START). */
  callBeforeStored: boolean;
  /** Titles sessions after their first exchange; none: no automatic titles. */
  titler?: SessionTitler | undefined;
  /** With Redis: live replies shared with other instances and processes. */
  relay?: LiveRelay | undefined;
}

/**
 * What the routes ask of messages: send (the pipeline in send/), list and look up (queries), wait
 * for, follow and stop a reply. Wires the send's stages together. Knows nothing of HTTP.
 */
export class MessageService {
  private readonly queries: MessageQueries;
  private readonly pipeline: SendPipeline;
  private readonly registry: ReplyRegistry;
  private readonly store: ReplyStore;
  private readonly feedback: FeedbackStore;
  private readonly db: Database;
  private readonly relay: LiveRelay | undefined;

  constructor(options: MessageServiceOptions) {
    const { db, sessions, gateway, store, registry, conversations, personas, metrics, logger } =
      options;
    this.registry = registry;
    this.store = store;
    this.db = db;
    this.relay = options.relay;
    this.queries = new MessageQueries({ db, contextMessages: options.contextMessages });
    this.feedback = new FeedbackStore(db, (userId, id) => this.queries.findOwnMessage(userId, id));
    const admission = new Admission({ registry, gateway, budgets: options.budgets });
    const launcher = new ReplyLauncher({
      createRun: replyRunFactory({
        gateway,
        store,
        flushIntervalMs: options.flushIntervalMs,
        relay: options.relay,
      }),
      accounting: new ReplyAccounting({
        registry,
        conversations,
        metrics,
        logger,
        titler: options.titler,
      }),
      contextMessages: options.contextMessages,
      contextFiles: new ContextFileLoader(
        options.attachments,
        options.contextMessages,
        options.contextAttachments,
      ),
    });
    const repeats = new Repeats({
      db,
      queries: this.queries,
      store,
      admission,
      registry,
      conversations,
      launcher,
      personas,
      instanceId: options.instanceId,
    });
    this.pipeline = new SendPipeline({
      db,
      attachments: options.attachments,
      store,
      sessions,
      queries: this.queries,
      registry,
      admission,
      repeats,
      launcher,
      personas,
      speculation: {
        enabled: options.callBeforeStored,
        admission,
        registry,
        conversations,
        launcher,
        personas,
        metrics,
      },
      instanceId: options.instanceId,
      callBeforeStored: options.callBeforeStored,
    });
  }

  /** See SendPipeline.send. */
  async send(input: SendInput): Promise<SentPair> {
    return this.withAttachments(await this.pipeline.send(input));
  }

  /** Rates a reply (see feedback.ts) and answers it as it now is. */
  async setFeedback(input: FeedbackInput): Promise<MessageDto> {
    await this.feedback.set(input);
    return toMessageDto(await this.queries.findOwnMessage(input.userId, input.messageId));
  }

  clearFeedback(userId: string, messageId: string): Promise<void> {
    return this.feedback.clear(userId, messageId);
  }

  /** See SendPipeline.regenerate. */
  async regenerate(input: RegenerateInput): Promise<SentPair> {
    return this.withAttachments(await this.pipeline.regenerate(input));
  }

  /** The pair with its prompt's files, as the API answers it. */
  private async withAttachments(pair: SentPair): Promise<SentPair> {
    await fillAttachments(this.db, [pair.userMessage]);
    return pair;
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
    return {
      userMessage: pair.userMessage,
      assistantMessage: withFactsOf(finished, pair.assistantMessage),
    };
  }

  /** A feed of the reply's events after `fromOffset`, live if it is still generating. */
  async follow(userId: string, messageId: string, fromOffset: number): Promise<ReplyFeed> {
    const message = await this.queries.findOwnMessage(userId, messageId);
    return this.feedFor(message, fromOffset);
  }

  feedFor(message: ChatMessage, fromOffset: number): ReplyFeed {
    const run = this.registry.get(message.id);
    if (run) {
      this.registry.adopted(message.id);
      return run.subscribe(fromOffset);
    }
    return followStoredReply(this.store, message, fromOffset, this.relay);
  }

  async stop(userId: string, messageId: string): Promise<MessageDto> {
    const message = await this.queries.findOwnMessage(userId, messageId);
    if (message.status !== 'streaming') return toMessageDto(message);
    const run = this.registry.get(messageId);
    if (run) {
      const stopped = await run.stop('user');
      if (stopped) return toMessageDto(withFactsOf(stopped, message));
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
    return toMessageDto(withFactsOf(current, message));
  }

  list(userId: string, sessionId: string, page: PageRequest): Promise<MessagePage> {
    return this.queries.list(userId, sessionId, page);
  }

  /** The user message a reply answers, with its files. */
  async promptOf(reply: ChatMessage): Promise<ChatMessage | undefined> {
    const prompt = await this.queries.promptOf(reply);
    if (prompt) await fillAttachments(this.db, [prompt]);
    return prompt;
  }

  /** An assistant message of this user; user messages have no reply stream to follow. */
  findOwnReply(userId: string, messageId: string): Promise<ChatMessage> {
    return this.queries.findOwnReply(userId, messageId);
  }

  findOwnMessage(userId: string, messageId: string): Promise<ChatMessage> {
    return this.queries.findOwnMessage(userId, messageId);
  }

  private async waitForRemoteReply(messageId: string): Promise<ChatMessage | undefined> {
    const feed = followStoredReply(this.store, (await this.store.load(messageId))!, 0, this.relay);
    for await (const event of feed) {
      if (event.type !== 'delta') break;
    }
    return this.store.load(messageId);
  }
}
