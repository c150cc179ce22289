import type { Database } from '../../db/connect.js';

const BATCH_WINDOW_MS = 100;
const MAX_ROWS_PER_STATEMENT = 1000;

interface PendingCheckpoint {
  content: string;
  settle: Array<(stillStreaming: boolean) => void>;
  fail: Array<(error: unknown) => void>;
}

/**
 * Writes the checkpoints of many live replies in one UPDATE per short window, instead of one
 * statement (and one commit) per reply per second: at thousands of concurrent replies the
 * per-statement cost, not the bytes, is what the database and the event loop feel.
 */
export class CheckpointBatcher {
  private pending = new Map<string, PendingCheckpoint>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly leaseExpiry: () => Date,
  ) {}

  /** Resolves true once saved, false when the reply is no longer streaming (finished elsewhere). */
  checkpoint(messageId: string, content: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const entry = this.pending.get(messageId) ?? { content, settle: [], fail: [] };
      entry.content = content;
      entry.settle.push(resolve);
      entry.fail.push(reject);
      this.pending.set(messageId, entry);
      this.timer ??= setTimeout(() => void this.flush(), BATCH_WINDOW_MS);
    });
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const batch = [...this.pending];
    this.pending = new Map();
    for (let start = 0; start < batch.length; start += MAX_ROWS_PER_STATEMENT) {
      await this.write(batch.slice(start, start + MAX_ROWS_PER_STATEMENT));
    }
  }

  private async write(rows: Array<[string, PendingCheckpoint]>): Promise<void> {
    try {
      const values = rows.map(() => '(?::uuid, ?::text)').join(', ');
      const bindings = rows.flatMap(([id, entry]) => [id, entry.content]);
      const result = (await this.db.raw(
        `UPDATE ai_chat_messages AS m
            SET content = v.content, lease_expires_at = ?, updated_at = now()
           FROM (VALUES ${values}) AS v(id, content)
          WHERE m.id = v.id AND m.status = 'streaming'
      RETURNING m.id`,
        [this.leaseExpiry(), ...bindings],
      )) as { rows: Array<{ id: string }> };
      const saved = new Set(result.rows.map((row) => row.id));
      for (const [id, entry] of rows) for (const settle of entry.settle) settle(saved.has(id));
    } catch (error) {
      for (const [, entry] of rows) for (const fail of entry.fail) fail(error);
    }
  }
}
