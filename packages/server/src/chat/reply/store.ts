import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/connect.js';
import { foreignKeyViolation } from '../../db/errors.js';
import { ApiUsageLog, ChatMessage, type UsageOutcome } from '../../db/models/index.js';
import { PriceList } from '../../llm/pricing.js';
import { CheckpointBatcher } from './checkpoint-batcher.js';

export type FinishedStatus = 'complete' | 'stopped' | 'error';

export interface ReplyFinish {
  status: FinishedStatus;
  content: string;
  tokens: number | null;
  latencyMs: number | null;
  /** From the call to the first text; null when none came (or for a reply no call wrote). */
  firstTokenMs?: number | null;
  stopReason: string | null;
}

export interface UsageRecord {
  userId: string;
  /** The site the call was for (a guest's), so its daily budget counts it. */
  siteId: string | null;
  sessionId: string | null;
  messageId: string | null;
  model: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number | null;
  outcome: UsageOutcome;
  /** What the call was for; default: a reply. */
  purpose?: 'reply' | 'title';
}

/** One call as the ledger holds it, for whoever keeps running totals (the budgets). */
export interface LedgerEntry {
  userId: string;
  siteId: string | null;
  tokens: number;
  costUsd: number;
}

export interface LedgerOptions {
  /** What a call costs (CLAUDE_PRICES over the published prices). */
  prices?: PriceList;
  /** Told of each row once it is written; awaited, so a reply ends only once it is counted. */
  onRecorded?: (entry: LedgerEntry) => Promise<void>;
}

/** The reply's rows: every state change is a guarded update, so each happens exactly once. */
export class ReplyStore {
  private readonly checkpoints: CheckpointBatcher;
  private readonly prices: PriceList;

  constructor(
    private readonly db: Database,
    private readonly leaseMs: number,
    private readonly ledger: LedgerOptions = {},
  ) {
    this.checkpoints = new CheckpointBatcher(db, () => this.leaseExpiry());
    this.prices = ledger.prices ?? new PriceList();
  }

  /** Saves the text so far and renews the lease; false when the reply is no longer streaming here. */
  checkpoint(messageId: string, content: string): Promise<boolean> {
    return this.checkpoints.checkpoint(messageId, content);
  }

  /** streaming → complete | stopped | error, once; undefined when someone else finished it first. */
  async finish(messageId: string, finish: ReplyFinish): Promise<ChatMessage | undefined> {
    const rows = await ChatMessage.query(this.db)
      .patch({
        status: finish.status,
        content: finish.content,
        tokens: finish.tokens,
        latency_ms: finish.latencyMs,
        first_token_ms: finish.firstTokenMs ?? null,
        stop_reason: finish.stopReason,
        lease_expires_at: null,
        owner_instance: null,
        updated_at: new Date(),
      })
      .where({ id: messageId, status: 'streaming' })
      .returning('*');
    return (rows as unknown as ChatMessage[])[0];
  }

  async load(messageId: string): Promise<ChatMessage | undefined> {
    return ChatMessage.query(this.db).findById(messageId);
  }

  /**
   * Sets the output tokens of a reply finished elsewhere (a stop through another instance), which
   * only the generating instance knows; returns the row as it stands, undefined once deleted.
   */
  async fillTokens(messageId: string, tokens: number): Promise<ChatMessage | undefined> {
    const rows = await ChatMessage.query(this.db)
      .patch({ tokens })
      .where({ id: messageId })
      .whereNull('tokens')
      .whereNot({ status: 'streaming' })
      .returning('*');
    return (rows as unknown as ChatMessage[])[0] ?? (await this.load(messageId));
  }

  /** One ledger row per call to Claude; one whose conversation was deleted meanwhile keeps its cost. */
  async recordUsage(usage: UsageRecord): Promise<void> {
    const row = {
      id: randomUUID(),
      user_id: usage.userId,
      site_id: usage.siteId,
      session_id: usage.sessionId,
      message_id: usage.messageId,
      model: usage.model,
      input_tokens: usage.inputTokens,
      output_tokens: usage.outputTokens,
      latency_ms: usage.latencyMs,
      outcome: usage.outcome,
      purpose: usage.purpose ?? 'reply',
      estimated_cost_usd: this.prices.costUsd(usage.model, usage.inputTokens, usage.outputTokens),
    };
    // As ON DELETE SET NULL leaves the rows written before the conversation (or the site) was deleted.
    const kept = await this.insertUsage(row, [
      {},
      { session_id: null, message_id: null },
      { session_id: null, message_id: null, site_id: null },
    ]);
    await this.ledger.onRecorded?.({
      userId: usage.userId,
      siteId: kept.site_id,
      tokens: usage.inputTokens + usage.outputTokens,
      costUsd: row.estimated_cost_usd,
    });
  }

  /** Inserts the row; while what it points at is gone, again without it, step by step. */
  private async insertUsage<Row extends { site_id: string | null }>(
    row: Row,
    forgetting: Array<Partial<Row>>,
  ): Promise<Row> {
    const [forget, ...rest] = forgetting;
    const candidate = { ...row, ...forget };
    try {
      await ApiUsageLog.query(this.db).insert(candidate);
      return candidate;
    } catch (error) {
      if (!foreignKeyViolation(error) || rest.length === 0) throw error;
      return this.insertUsage(row, rest);
    }
  }

  /** A client follows this reply through another instance: its owner must not stop it as orphaned. */
  async markFollowed(messageId: string): Promise<void> {
    await this.db('ai_chat_messages')
      .update({ followed_at: this.db.fn.now() })
      .where({ id: messageId, status: 'streaming' });
  }

  /** Whether a follower on another instance marked the reply in the last `withinMs` (database clock). */
  async followedWithin(messageId: string, withinMs: number): Promise<boolean> {
    const row: unknown = await this.db('ai_chat_messages')
      .where({ id: messageId })
      .whereRaw('followed_at > now() - make_interval(secs => ?)', [withinMs / 1000])
      .first('id');
    return row !== undefined;
  }

  leaseExpiry(): Date {
    return new Date(Date.now() + this.leaseMs);
  }

  /**
   * Replies whose owner stopped renewing their lease (a crash) become "error", keeping their text.
   * With `everything`, every streaming reply is finished: right for the single-process embedded database.
   */
  async recoverAbandoned(options: { everything: boolean }): Promise<number> {
    const query = ChatMessage.query(this.db)
      .patch({
        status: 'error',
        stop_reason: 'server_restart',
        lease_expires_at: null,
        owner_instance: null,
        updated_at: new Date(),
      })
      .where({ status: 'streaming' });
    if (!options.everything) {
      void query.where((q) =>
        q.whereNull('lease_expires_at').orWhere('lease_expires_at', '<', new Date()),
      );
    }
    return query;
  }
}
