import type { ChatMessage } from '../../db/models/index.js';
import type { StoredTurn } from '../../llm/context-builder.js';
import type { GenerationUsage } from '../../llm/reply-generator.js';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import { redactSecrets } from '../../observability/redact-secrets.js';
import type { SessionTitler } from '../../titles/session-titler.js';
import type { ConversationCache } from '../conversation-cache.js';
import type { ReplyRegistry } from '../reply/registry.js';
import type { ReplyRunHooks } from '../reply/run.js';
import type { ReplyTarget } from './types.js';

export interface ReplyAccountingOptions {
  registry: ReplyRegistry;
  conversations: ConversationCache;
  metrics: Metrics;
  logger: Logger;
  /** Titles sessions after their first exchange (CHAT_AUTO_TITLE); none: no titles. */
  titler?: SessionTitler | undefined;
}

/**
 * Stage "finish and account": once a reply has ended, it leaves the registry, its tokens and
 * duration are counted, a failed call is logged, and the conversation as it now stands is
 * remembered for the next send's speculative start; a session's first exchange gets it a title.
 * (The ledger row is the run's own.)
 */
export class ReplyAccounting {
  constructor(private readonly options: ReplyAccountingOptions) {}

  /** The hooks of one run; `history` is what Claude was sent, `remember` whether to keep it. */
  hooksFor(target: ReplyTarget, history: StoredTurn[], remember: boolean): ReplyRunHooks {
    const { registry, logger } = this.options;
    return {
      onFinished: (finishedRun, message, usage, error) => {
        registry.remove(finishedRun);
        if (message && remember) this.remember(target, history, message);
        this.count(message, usage, error);
        if (message?.status === 'complete' && history.length === 1) {
          this.options.titler?.afterFirstExchange({
            sessionId: target.sessionId,
            userId: target.userId,
            siteId: target.siteId ?? null,
            question: history[0]!.content,
            answer: message.content,
          });
        }
      },
      onOrphaned: (orphan) => registry.orphaned(orphan),
      onError: (error) => logger.error({ err: error }, 'reply bookkeeping failed'),
    };
  }

  /** The conversation as it stands after this reply, for the next send's early start. */
  private remember(target: ReplyTarget, history: StoredTurn[], reply: ChatMessage): void {
    const { conversations } = this.options;
    const before = conversations.get(target.sessionId, target.userId);
    conversations.set(target.sessionId, {
      userId: target.userId,
      mode: target.mode,
      sessionPrompt: target.sessionPrompt,
      history: [...history, { role: 'assistant', content: reply.content, status: reply.status }],
      clientMessageIds: [
        ...(before?.clientMessageIds ?? []),
        ...(target.clientMessageId ? [target.clientMessageId] : []),
      ],
      leafId: reply.id,
    });
  }

  private count(message: ChatMessage | undefined, usage: GenerationUsage, error: unknown): void {
    const { metrics, logger } = this.options;
    metrics.tokens.inc({ direction: 'input' }, usage.inputTokens);
    metrics.tokens.inc({ direction: 'output' }, usage.outputTokens);
    if (!message) return;
    metrics.replyDuration.observe(
      { status: message.status },
      (Date.now() - new Date(message.created_at).getTime()) / 1000,
    );
    if (error) {
      metrics.upstreamErrors.inc();
      logger.warn(
        {
          messageId: message.id,
          err: { name: (error as Error).name, message: redactSecrets((error as Error).message) },
        },
        'Claude call failed',
      );
    }
  }
}
