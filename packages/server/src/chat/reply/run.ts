import type { ChatMessage, UsageOutcome } from '../../db/models/index.js';
import type { BreakerPermit } from '../../llm/circuit-breaker.js';
import type { ClaudeGateway } from '../../llm/claude-gateway.js';
import type { ConversationTurn, GenerationUsage } from '../../llm/reply-generator.js';
import { describeUpstreamFailure, isRetryable } from '../../llm/upstream-failure.js';
import { toMessageDto } from '../dto.js';
import { DELETED_EVENT, NOT_SAVED_EVENT, type ReplyEvent } from './events.js';
import { ReplyFeed } from './feed.js';
import { retryWhileDatabaseDown } from './final-write.js';
import type { LiveRelay } from './live-relay.js';
import type { FinishedStatus, ReplyStore } from './store.js';

export type StopReason = 'user' | 'client_disconnected' | 'shutdown' | 'stopped_elsewhere';

export interface ReplyRunInput {
  messageId: string;
  sessionId: string;
  userId: string;
  /** The site the send came through (a guest's), for its budget; undefined for a host's own user. */
  siteId: string | undefined;
  /** The model that answers: CLAUDE_MODEL, or the site's fallback once a budget is spent. */
  model: string;
  system: string;
  /** The persona's; undefined: the generator's defaults. */
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  turns: ConversationTurn[];
  /**
   * Settles when the reply's row is committed. Generation starts without waiting for it, so the commit
   * overlaps Claude's time to first token; nothing is written before it, and a failed store aborts.
   */
  stored: Promise<unknown>;
  /**
   * The reply's siblings, itself included, for its final event. Known at launch and fixed while it
   * streams: nothing is regenerated beside a streaming reply, nor sent after one.
   */
  siblingIds?: string[] | undefined;
}

export interface ReplyRunHooks {
  onFinished(
    run: ReplyRun,
    message: ChatMessage | undefined,
    usage: GenerationUsage,
    error: unknown,
  ): void;
  onOrphaned(run: ReplyRun): void;
  onError(error: unknown): void;
}

/** What every run of this process shares. */
export interface ReplyRunDeps {
  gateway: ClaudeGateway;
  store: ReplyStore;
  flushIntervalMs: number;
  /** With Redis: followers on other instances and processes hear the events through it. */
  relay?: LiveRelay | undefined;
}

/** What one run is made of; `permit` is the breaker's, settled by the call to Claude. */
export interface ReplyRunSetup extends ReplyRunDeps {
  input: ReplyRunInput;
  permit: BreakerPermit;
  hooks: ReplyRunHooks;
}

export type CreateReplyRun = (
  input: ReplyRunInput,
  permit: BreakerPermit,
  hooks: ReplyRunHooks,
) => ReplyRun;

/** Builds the runs of this process; each generates only once `start()` is called. */
export function replyRunFactory(deps: ReplyRunDeps): CreateReplyRun {
  return (input, permit, hooks) => new ReplyRun({ ...deps, input, permit, hooks });
}

/**
 * One assistant message being generated: streaming → complete | stopped | error.
 * It owns the text so far, fans each chunk out to the subscribers' feeds, checkpoints the text to the
 * database, and writes the final state exactly once.
 */
export class ReplyRun {
  readonly messageId: string;
  content = '';
  private readonly abort = new AbortController();
  private stopReason: StopReason | undefined;
  private readonly feeds = new Set<ReplyFeed>();
  private startedAt = 0;
  private started = false;
  private lastTextAt: number | undefined;
  private firstTextAt: number | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private generationEnded = false;
  private checkpointing: Promise<void> = Promise.resolve();
  /** Once the row is committed, events go to the relay too (nothing is shown before). */
  private relaying = false;
  /** Why Claude's call failed, as the client is told; set once the run is done. */
  failureReport: { message: string; retryable: boolean } | undefined;
  /** The final row; undefined when the conversation was deleted while the reply ran. */
  readonly done: Promise<ChatMessage | undefined>;
  private settleDone!: {
    resolve: (message: ChatMessage | undefined) => void;
    reject: (error: unknown) => void;
  };
  private readonly input: ReplyRunInput;
  private readonly gateway: ClaudeGateway;
  private readonly permit: BreakerPermit;
  private readonly store: ReplyStore;
  private readonly hooks: ReplyRunHooks;
  private readonly flushIntervalMs: number;
  private readonly relay: LiveRelay | undefined;

  constructor(setup: ReplyRunSetup) {
    this.input = setup.input;
    this.gateway = setup.gateway;
    this.permit = setup.permit;
    this.store = setup.store;
    this.hooks = setup.hooks;
    this.flushIntervalMs = setup.flushIntervalMs;
    this.relay = setup.relay;
    this.messageId = setup.input.messageId;
    this.done = new Promise((resolve, reject) => (this.settleDone = { resolve, reject }));
    // Waiters see a failure; nobody waiting must not crash the process.
    this.done.catch((error: unknown) => this.hooks.onError(error));
  }

  /** Calls Claude (once, however often it is called) and resolves with the final row as `done`. */
  start(): Promise<ChatMessage | undefined> {
    if (!this.started) {
      this.started = true;
      this.startedAt = Date.now();
      this.run().then(this.settleDone.resolve, this.settleDone.reject);
    }
    return this.done;
  }

  get subscriberCount(): number {
    return this.feeds.size;
  }

  /** A feed that first catches up on the text after `fromOffset`, then follows the reply live. */
  subscribe(fromOffset: number): ReplyFeed {
    const feed = new ReplyFeed(fromOffset);
    if (this.content.length > fromOffset) feed.push(this.textSoFar());
    this.feeds.add(feed);
    feed.onClose(() => {
      this.feeds.delete(feed);
      if (this.feeds.size === 0) this.hooks.onOrphaned(this);
    });
    return feed;
  }

  /** Ends generation early; the text so far is kept and the reply is marked stopped. */
  stop(reason: StopReason): Promise<ChatMessage | undefined> {
    if (!this.stopReason) {
      this.stopReason = reason;
      this.abort.abort();
    }
    return this.done;
  }

  private append(text: string): void {
    this.content += text;
    this.lastTextAt = Date.now();
    this.firstTextAt ??= this.lastTextAt;
    this.broadcast({
      type: 'delta',
      messageId: this.messageId,
      text,
      offset: this.content.length,
    });
  }

  private broadcast(event: ReplyEvent): void {
    for (const feed of this.feeds) feed.push(event);
    if (this.relaying) this.relay?.publish(this.messageId, event);
  }

  /** The row is committed: the relay hears the text so far as one delta, then every event. */
  private startRelaying(): void {
    if (!this.relay) return;
    this.relaying = true;
    if (this.content.length > 0) this.relay.publish(this.messageId, this.textSoFar());
  }

  /** The whole text so far as one delta: what a subscriber joining now catches up with. */
  private textSoFar(): ReplyEvent {
    return {
      type: 'delta',
      messageId: this.messageId,
      text: this.content,
      offset: this.content.length,
    };
  }

  get sessionId(): string {
    return this.input.sessionId;
  }

  private async run(): Promise<ChatMessage | undefined> {
    const stored = this.input.stored.then(
      () => true,
      () => false,
    );
    void stored.then((ok) => {
      if (!ok) return this.abort.abort();
      this.startRelaying();
      if (!this.generationEnded) {
        this.flushTimer = setInterval(() => this.scheduleCheckpoint(), this.flushIntervalMs);
      }
    });
    let usage: GenerationUsage;
    let failure: unknown;
    try {
      ({ usage, failure } = await this.gateway.generate(this.permit, {
        model: this.input.model,
        system: this.input.system,
        temperature: this.input.temperature,
        maxTokens: this.input.maxTokens,
        turns: this.input.turns,
        signal: this.abort.signal,
        onText: (text) => this.append(text),
      }));
    } finally {
      this.generationEnded = true;
      clearInterval(this.flushTimer);
    }
    if (!(await stored)) {
      // Never stored (the send was refused or superseded): no row to finish and nobody to tell, but
      // Claude was called, and every call is accounted for (without holding the session meanwhile).
      this.hooks.onFinished(this, undefined, usage, undefined);
      void this.recordUsage(usage, 'cancelled', null);
      return undefined;
    }
    await this.checkpointing;
    const status: FinishedStatus = this.stopReason ? 'stopped' : failure ? 'error' : 'complete';
    let message: ChatMessage | undefined;
    try {
      message = await this.finish(status, usage, failure);
    } catch (error) {
      // The database stayed out of reach: tell the followers, let go of the run, and leave the row to
      // the lease sweep (it marks it "error", text as last checkpointed).
      this.broadcast(NOT_SAVED_EVENT);
      this.hooks.onFinished(this, undefined, usage, failure ?? error);
      throw error;
    }
    this.hooks.onFinished(this, message, usage, status === 'error' ? failure : undefined);
    return message;
  }

  private scheduleCheckpoint(): void {
    this.checkpointing = this.checkpointing.then(async () => {
      const content = this.content;
      try {
        const stillOurs = await this.store.checkpoint(this.messageId, content);
        if (!stillOurs) void this.stop('stopped_elsewhere');
      } catch (error) {
        this.hooks.onError(error);
      }
    });
  }

  private async finish(
    status: FinishedStatus,
    usage: GenerationUsage,
    failure: unknown,
  ): Promise<ChatMessage | undefined> {
    const latencyMs = (this.lastTextAt ?? Date.now()) - this.startedAt;
    const tokens = usage.outputTokens;
    const message = await retryWhileDatabaseDown(
      async () => {
        const finished = await this.store.finish(this.messageId, {
          status,
          content: this.content,
          tokens,
          latencyMs,
          firstTokenMs: this.firstTextAt === undefined ? null : this.firstTextAt - this.startedAt,
          stopReason: this.stopReason ?? usage.stopReason ?? (failure ? 'upstream_error' : null),
        });
        // Finished elsewhere (stopped through another instance): report what the database holds,
        // with the tokens only this instance knows.
        return finished ?? (await this.store.fillTokens(this.messageId, tokens));
      },
      (error) => this.hooks.onError(error),
    );
    if (!message) {
      // The conversation was deleted meanwhile; the call's cost stays in the ledger all the same.
      await this.recordUsage(usage, status, latencyMs);
      this.broadcast(DELETED_EVENT);
      return undefined;
    }
    await this.recordUsage(usage, status, latencyMs);
    this.broadcast(this.terminalEvent(message, failure));
    return message;
  }

  private async recordUsage(
    usage: GenerationUsage,
    outcome: UsageOutcome,
    latencyMs: number | null,
  ): Promise<void> {
    const stored = outcome !== 'cancelled';
    await this.store
      .recordUsage({
        userId: this.input.userId,
        siteId: this.input.siteId ?? null,
        sessionId: stored ? this.input.sessionId : null,
        messageId: stored ? this.messageId : null,
        model: this.input.model,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        latencyMs,
        outcome,
      })
      .catch((error: unknown) => this.hooks.onError(error));
  }

  private terminalEvent(message: ChatMessage, failure: unknown): ReplyEvent {
    const dto = toMessageDto(message);
    if (this.input.siblingIds) dto.sibling_ids = this.input.siblingIds;
    if (message.status !== 'error') return { type: 'completed', message: dto };
    return {
      type: 'error',
      error: { code: 'upstream_error', ...this.describeFailure(failure) },
      message: dto,
    };
  }

  private describeFailure(failure: unknown): { message: string; retryable: boolean } {
    this.failureReport = failure
      ? {
          message: describeUpstreamFailure(failure, this.input.model),
          retryable: isRetryable(failure),
        }
      : { message: 'The reply failed.', retryable: true };
    return this.failureReport;
  }
}
