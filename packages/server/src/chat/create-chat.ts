import { AttachmentService, DEFAULT_ATTACHMENT_LIMITS } from '../attachments/attachment-service.js';
import { PostgresBlobStore } from '../attachments/postgres-blob-store.js';
import { Budgets } from '../budgets/budgets.js';
import { SiteBudgets } from '../budgets/site-budgets.js';
import { MemorySpendTotals } from '../budgets/spend-totals.js';
import type { Database } from '../db/connect.js';
import type { ClaudeGateway } from '../llm/claude-gateway.js';
import type { PriceList } from '../llm/pricing.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { PersonaCatalog } from '../personas/persona-catalog.js';
import { ConversationCache } from './conversation-cache.js';
import { MessageService } from './message-service.js';
import type { LiveRelay } from './reply/live-relay.js';
import { ReplyRegistry } from './reply/registry.js';
import { ReplyStore } from './reply/store.js';
import { SessionService } from './session-service.js';
import { SessionTitler, type AutoTitleMode } from '../titles/session-titler.js';

export interface ChatOptions {
  db: Database;
  gateway: ClaudeGateway;
  metrics: Metrics;
  logger: Logger;
  instanceId: string;
  /** How long a live reply's lease lasts without a checkpoint before a sweep may take it over. */
  leaseMs: number;
  orphanGraceMs: number;
  /** Text of recent conversations kept for early starts; 0 remembers none. */
  conversationChars: number;
  contextMessages: number;
  flushIntervalMs: number;
  callBeforeStored: boolean;
  /** The daily budgets; none: no limits, totals in process. */
  budgets?: Budgets;
  /** What calls cost in the ledger (CLAUDE_PRICES); none: the published prices. */
  prices?: PriceList;
  /** Uploads and their bytes; none: bytes in PostgreSQL, the default limits. */
  attachments?: AttachmentService;
  /** CHAT_CONTEXT_ATTACHMENTS; default 10. */
  contextAttachments?: number;
  /** CHAT_AUTO_TITLE and the model of its calls; default: no automatic titles. */
  titles?: { mode: AutoTitleMode; model: string };
  /** With Redis: live replies followed from other instances and processes through it. */
  relay?: LiveRelay;
}

export interface Chat {
  budgets: Budgets;
  store: ReplyStore;
  registry: ReplyRegistry;
  conversations: ConversationCache;
  /** Read by the caller (`load()`, then `start()`) before the first send. */
  personas: PersonaCatalog;
  sessions: SessionService;
  messages: MessageService;
  attachments: AttachmentService;
}

/** The chat layer of one process: sessions, messages and the live replies, wired together. */
export function createChat(options: ChatOptions): Chat {
  const { db } = options;
  const budgets =
    options.budgets ??
    new Budgets({
      db,
      totals: new MemorySpendTotals(),
      sites: new SiteBudgets(db),
      userTokensPerDay: 0,
    });
  const store = new ReplyStore(db, options.leaseMs, {
    ...(options.prices ? { prices: options.prices } : {}),
    onRecorded: budgets.recorded,
  });
  const { relay } = options;
  // A follower marks the reply in Redis, or in the database once it follows from there.
  const registry = new ReplyRegistry(
    options.orphanGraceMs,
    async (id, withinMs) =>
      ((await relay?.followedWithin(id, withinMs).catch(() => false)) ?? false) ||
      store.followedWithin(id, withinMs),
  );
  const conversations = new ConversationCache(options.conversationChars, options.contextMessages);
  const attachments =
    options.attachments ??
    new AttachmentService(db, new PostgresBlobStore(db), DEFAULT_ATTACHMENT_LIMITS, options.logger);
  const personas = new PersonaCatalog(db, options.logger);
  const sessions = new SessionService(db, conversations, personas, attachments);
  const titler =
    options.titles &&
    new SessionTitler({
      db,
      ...options.titles,
      gateway: options.gateway,
      recordUsage: (usage) => store.recordUsage(usage),
      logger: options.logger,
    });
  const messages = new MessageService({
    db,
    attachments,
    contextAttachments: options.contextAttachments ?? 10,
    sessions,
    gateway: options.gateway,
    budgets,
    store,
    registry,
    conversations,
    personas,
    metrics: options.metrics,
    logger: options.logger,
    contextMessages: options.contextMessages,
    flushIntervalMs: options.flushIntervalMs,
    instanceId: options.instanceId,
    callBeforeStored: options.callBeforeStored,
    titler,
    relay,
  });
  return { budgets, store, registry, conversations, personas, sessions, messages, attachments };
}
