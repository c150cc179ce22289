import type { Database } from '../db/connect.js';
import { NO_SITE_ID, NO_SITE_SQL } from '../db/no-site.js';
import type { Logger } from '../observability/logger.js';
import { utcDay } from '../budgets/utc-day.js';

/** What the console counts as it happens: no row of the chat tables records them. */
export type OperationalEventKind = 'breaker_opened' | 'budget_refused';

/** How often each instance adds what it counted to `operational_events_daily`. */
const FLUSH_INTERVAL_MS = 10_000;

/**
 * Counts circuit-breaker openings and budget refusals per UTC day and site, in memory, and adds
 * them to the database every few seconds (and on stop): a flood of refused sends costs one
 * statement per flush, not a write each. Several instances add to the same rows.
 */
export class OperationalEvents {
  readonly #pending = new Map<string, number>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  count(kind: OperationalEventKind, siteId: string | null | undefined): void {
    const key = `${utcDay(this.now())}|${kind}|${siteId ?? NO_SITE_ID}`;
    this.#pending.set(key, (this.#pending.get(key) ?? 0) + 1);
  }

  start(): void {
    this.#timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }

  /** Adds what was counted since the last flush; a failed flush keeps its counts for the next. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#write());
    return this.#flushing;
  }

  async #write(): Promise<void> {
    if (this.#pending.size === 0) return;
    const batch = [...this.#pending];
    this.#pending.clear();
    const rows = batch.map(([key, count]) => {
      const [day, kind, site] = key.split('|') as [string, string, string];
      return { day, kind, site_id: site === NO_SITE_ID ? null : site, count };
    });
    try {
      await this.db.raw(
        `INSERT INTO operational_events_daily AS e (day, kind, site_id, count)
         SELECT r.day, r.kind, r.site_id, r.count
           FROM jsonb_to_recordset(?::jsonb) AS r(day date, kind text, site_id uuid, count integer)
         ON CONFLICT (day, kind, (coalesce(site_id, ${NO_SITE_SQL})))
         DO UPDATE SET count = e.count + excluded.count`,
        [JSON.stringify(rows)],
      );
    } catch (error) {
      for (const [key, count] of batch)
        this.#pending.set(key, (this.#pending.get(key) ?? 0) + count);
      this.logger.error({ err: error }, 'counting operational events failed');
    }
  }
}
